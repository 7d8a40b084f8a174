// The review screen on its own: props from the wizard's selectors, keys turned into events, and a harness that
// holds the real reducer so a key's effect on a decision shows the way an admin would see it.
import {Box} from 'ink';
import {useReducer} from 'react';
import {describe, expect, it} from 'vitest';
import {plan} from '../../source/generate/plan.js';
import {prepareMigration} from '../../source/migration/index.js';
import {ConnectorFacts} from '../../source/screens/facts.js';
import {ReviewScreen} from '../../source/screens/review.js';
import {loadDemo} from '../../source/services.js';
import {KeyRouter} from '../../source/ui/keys.js';
import {connectorRows} from '../../source/wizard/selectors.js';
import {initialState, progress, reducer, reviewScreen, type WizardState} from '../../source/wizard/state.js';
import type {ReviewStep} from '../../source/wizard/review.js';
import {KEY, render} from '../helpers/ink.js';

const migration = prepareMigration(loadDemo());

function startAt(step: ReviewStep, focus?: string): WizardState {
	const s = reducer(initialState, {type: 'loaded', loaded: {...migration, sessionId: 's'}, decisions: {}});
	return reducer({...s, review: focus ? {[step]: {...reviewScreen(s, step).view, focus}} : {}}, {type: 'go', step});
}

/** The screen as app.tsx wires it, with the wizard's own reducer behind it (no store: saves stay pending). */
function Harness({step, from}: {step: ReviewStep; from: WizardState}) {
	const [state, dispatch] = useReducer(reducer, from);
	const screen = reviewScreen(state, step);
	const thePlan = plan(migration.inventory, migration.findings, state.decisions, migration.operations);
	return (
		<KeyRouter>
			<Box flexDirection="column">
				<ReviewScreen
					step={step}
					iseName="contoso-ise"
					progress={progress(state)}
					message={state.message}
					heading="heading"
					rows={screen.rows}
					index={screen.index}
					view={screen.view}
					quickKeys
					help={state.help}
					confirm={state.confirm}
					onReview={(event) => dispatch({type: 'review', step, event})}
					onNext={() => dispatch({type: 'next'})}
					onBack={() => dispatch({type: 'back'})}
					onUndo={() => dispatch({type: 'undo'})}
					onQuit={() => undefined}
					onHelp={(show) => dispatch({type: 'help', show})}
					onConfirm={(answer) => dispatch({type: 'confirm', answer})}
				/>
				<ConnectorFacts rows={connectorRows(thePlan)} />
			</Box>
		</KeyRouter>
	);
}

const line = (frame: string, text: string) => frame.split('\n').find((l) => l.includes(text)) ?? '';

describe('the connector keys', () => {
	for (const [key, label, target] of [
		['b', 'Use the built-in Azure Blob Storage connector', 'builtin'],
		['m', 'Keep the managed Azure Blob Storage connector', 'managed'],
		['x', 'Leave Azure Blob Storage out', 'exclude'],
	] as const) {
		it(`${key} decides the highlighted connector: its row shows ✓ and the option, the summary the target`, async () => {
			const r = await render(<Harness step="connectors" from={startAt('connectors', 'connector:azureblob')} />);
			const before = line(r.frame(), '❯');
			expect(before).toContain('Azure Blob');
			expect(before).not.toContain('✓');
			await r.press(key);
			await r.waitFor((f) => line(f, '❯').includes('✓'));
			// The card marks the chosen option in force (scrolled to it: the card is long), and the summary shows
			// where the connector's steps go now.
			for (let i = 0; i < 12 && !line(r.frame(), `● ${label}`); i++) await r.press(']');
			expect(line(r.frame(), `● ${label}`)).not.toBe('');
			expect(line(r.frame(), 'azureblob')).toContain(target);
			await r.unmount();
		});
	}
});

describe('the option menu', () => {
	it('Enter on an option decides it; the card moves the in-force mark ● to it', async () => {
		const r = await render(<Harness step="sku" from={startAt('sku')} />);
		const finding = migration.findings.find((f) => f.kind === 'sku')!;
		const recommended = finding.options.find((o) => o.id === finding.recommended)!;
		const other = finding.options.find((o) => o.id !== finding.recommended && !o.input)!;
		// The card is long: scroll to its options.
		for (let i = 0; i < 12 && !line(r.frame(), recommended.label); i++) await r.press(']');
		expect(line(r.frame(), recommended.label)).toContain('●');
		expect(line(r.frame(), other.label)).toContain('○');
		await r.press(KEY.enter);
		await r.waitFor((f) => f.includes('Choose an option'));
		const index = finding.options.indexOf(other) + 1;
		await r.press(String(index));
		await r.waitFor((f) => !f.includes('Choose an option'));
		for (let i = 0; i < 12 && !line(r.frame(), `● ${other.label}`); i++) await r.press(']');
		expect(line(r.frame(), `● ${other.label}`)).not.toBe('');
		expect(line(r.frame(), '❯')).toContain('✓');
		for (let i = 0; i < 12 && !line(r.frame(), `○ ${recommended.label}`); i++) await r.press(']');
		expect(line(r.frame(), `○ ${recommended.label}`)).not.toBe('');
		await r.unmount();
	});
});

describe('the connector summary', () => {
	it('counts a per-workflow choice where it applies, not the connector-wide one everywhere', () => {
		const wide = migration.findings.find((f) => f.id.startsWith('connector:') && f.id.includes('@'))!;
		const api = wide.id.slice('connector:'.length, wide.id.indexOf('@'));
		const workflow = wide.id.slice(wide.id.indexOf('@') + 1);
		const decisions = {
			[`connector:${api}`]: {findingId: `connector:${api}`, optionId: 'builtin', decidedAt: 't'},
			[wide.id]: {findingId: wide.id, optionId: 'managed', decidedAt: 't'},
		};
		const p = plan(migration.inventory, migration.findings, decisions, migration.operations);
		const row = connectorRows(p).find((r) => r.api === api)!;
		expect(row.targets.managed).toBe(1);
		expect(row.targets.builtin).toBe(row.workflows - 1);
		expect(workflow).toBeTruthy();
	});
});

describe('help', () => {
	it('? shows the keys of the list, and in the option menu the keys of the menu', async () => {
		const r = await render(<Harness step="connectors" from={startAt('connectors', 'connector:azureblob')} />);
		await r.press('?');
		await r.waitFor((f) => f.includes('Keys on this screen'));
		expect(r.frame()).toMatch(/b\s+built-in/);
		await r.press('q');
		await r.press(KEY.enter);
		await r.waitFor((f) => f.includes('Choose an option'));
		await r.press('?');
		await r.waitFor((f) => f.includes('Keys on this screen'));
		expect(r.frame()).toMatch(/Enter\s+choose \(saved at once\)/);
		expect(r.frame()).not.toMatch(/b\s+built-in/);
		await r.unmount();
	});
});
