import {Box, Text} from 'ink';
import type {Certainty, Decisions, Finding, Severity} from '../model/index.js';
import {findingState} from '../model/decisions.js';

export const SEVERITY_STYLE: Record<Severity, {label: string; color: string}> = {
	blocker: {label: 'BLOCKER', color: 'red'},
	warning: {label: 'warning', color: 'yellow'},
	info: {label: 'info', color: 'blue'},
};

export const CERTAINTY_LABEL: Record<Certainty, string> = {
	C: '[C] confirmed',
	S: '[S] secondary source',
	U: '[U] our inference',
};

export function SeverityTag({severity}: {severity: Severity}) {
	const s = SEVERITY_STYLE[severity];
	return <Text color={s.color}>{s.label.padEnd(7)}</Text>;
}

/** One finding: what it is, why it matters, its options (their consequences show when choosing). */
export function FindingCard({finding, decisions, width}: {finding: Finding; decisions: Decisions; width?: number}) {
	const inForceId = findingState(finding, decisions).option?.id;
	return (
		<Box flexDirection="column" borderStyle="single" borderColor="gray" paddingX={1} width={width}>
			<Text>
				<SeverityTag severity={finding.severity} /> <Text bold>{finding.title}</Text>
			</Text>
			<Text dimColor wrap="truncate-end">
				{CERTAINTY_LABEL[finding.certainty]}
				{finding.workflows && finding.workflows.length > 0 ? ` · workflows: ${finding.workflows.join(', ')}` : ''}
			</Text>
			<Box marginTop={1}>
				<Text>{finding.detail}</Text>
			</Box>
			<Box flexDirection="column" marginTop={1}>
				{finding.options.map((o) => {
					const inForce = inForceId === o.id;
					return (
						<Text key={o.id} color={inForce ? 'green' : undefined}>
							{inForce ? '● ' : '○ '}
							<Text bold={inForce}>{o.label}</Text>
							{o.id === finding.recommended ? <Text dimColor> (recommended)</Text> : null}
							{inForce && o.input && decisions[finding.id]?.value ? <Text dimColor>: {decisions[finding.id]?.value}</Text> : null}
						</Text>
					);
				})}
			</Box>
		</Box>
	);
}
