// The Network step's facts follow the hosting: an App Service Environment has its own load balancer and subnet, so
// it is never described with a Workflow Standard plan's VNet integration and private endpoint.
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {plan} from '../../source/generate/index.js';
import {prepareMigration} from '../../source/migration/index.js';
import {NetworkFacts} from '../../source/screens/facts.js';
import {loadDemo} from '../../source/services.js';

const m = prepareMigration(loadDemo());
const sku = m.findings.find((f) => f.kind === 'sku')!;

function networkFacts(hostingOption?: string): string {
	const decisions = hostingOption ? {[sku.id]: {findingId: sku.id, optionId: hostingOption, decidedAt: 't'}} : {};
	const r = render(<NetworkFacts inventory={m.inventory} plan={plan(m.inventory, m.findings, decisions, m.operations)} />);
	const text = r.lastFrame()!.replace(/\s+/g, ' ');
	r.unmount();
	return text;
}

describe('the Network facts', () => {
	it('on a new internal ASE (the sample’s recommendation) name its load balancer and subnet', () => {
		expect(sku.recommended).toBe('ase-new');
		const text = networkFacts();
		expect(text).toMatch(/Inbound \(now\) ASE internal load balancer \(ILB\): private/);
		expect(text).toMatch(/Outbound \(now\) the ASE subnet \/\d+ \+ NAT gateway \(static IP\)/);
		expect(text).not.toMatch(/VNet integration|private-endpoint/);
	});

	it('on a Workflow Standard plan name VNet integration and the private endpoint', () => {
		const ws = sku.options.find((o) => o.id !== 'ase-new' && o.id !== 'ase-existing')!;
		const text = networkFacts(ws.id);
		expect(text).toMatch(/Inbound \(now\) private-endpoint/);
		expect(text).toMatch(/Outbound \(now\) VNet integration \/\d+ \+ NAT gateway \(static IP\)/);
	});
});
