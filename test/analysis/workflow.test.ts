import {describe, expect, it} from 'vitest';
import type {Finding} from '../../source/model/index.js';
import {
	definitionProblems,
	parseDurationSeconds,
	workflowFindings,
} from '../../source/analysis/rules/workflow.js';
import {action, inventory, optionOf, triggers, workflow} from './builder.js';
import {expectWellFormed} from './shape.js';

function run(...workflows: ReturnType<typeof workflow>[]): Finding[] {
	const findings = workflowFindings(inventory({workflows}));
	expectWellFormed(findings);
	return findings;
}

function ofWorkflow(findings: Finding[], name: string, detail: string): Finding | undefined {
	return findings.find((f) => f.id === `workflow:${name}:${detail}`);
}

const excludes = (f: Finding | undefined, name: string) =>
	expect(optionOf(f, 'exclude').effects).toEqual([{type: 'workflow', workflow: name, include: false}]);

describe('workflow pre-flight', () => {
	it('stays quiet about a plain timer workflow apart from the shared platform limits', () => {
		const findings = run(workflow('nightly'), workflow('hourly'));
		expect(findings.map((f) => f.id)).toEqual(['workflow:ise-prod:platform-limits']);
		expect(findings[0]!.detail).toMatch(/90 days/);
		expect(findings[0]!.detail).toMatch(/100 MB/);
	});

	it('says nothing at all without workflows', () => {
		expect(workflowFindings(inventory())).toEqual([]);
	});

	it('blocks on inline JavaScript, naming the action, and offers to exclude the workflow', () => {
		const wf = workflow('js', {
			actions: {Loop: action('Foreach', {foreach: '@body()', actions: {Execute_JavaScript_Code: action('JavaScriptCode', {inputs: {code: 'return 1;'}})}})},
		});
		const f = ofWorkflow(run(wf), 'js', 'inline-code');
		expect(f?.severity).toBe('blocker');
		expect(f?.detail).toContain('Execute_JavaScript_Code');
		expect(f?.detail).toContain('4166');
		expect(f?.workflows).toEqual(['js']);
		excludes(f, 'js');
	});

	it('warns that trigger concurrency is ignored, louder when runs were one at a time', () => {
		const single = workflow('fifo', {triggers: {Recurrence: {type: 'Recurrence', recurrence: {frequency: 'Minute', interval: 1}, runtimeConfiguration: {concurrency: {runs: 1}}}}});
		const many = workflow('fan', {triggers: {Recurrence: {type: 'Recurrence', recurrence: {frequency: 'Minute', interval: 1}, runtimeConfiguration: {concurrency: {runs: 50}}}}});
		const findings = run(single, many);
		const f1 = ofWorkflow(findings, 'fifo', 'trigger-concurrency');
		const f2 = ofWorkflow(findings, 'fan', 'trigger-concurrency');
		expect(f1?.severity).toBe('warning');
		expect(f1?.detail).toMatch(/one item at a time/);
		expect(f2?.detail).not.toMatch(/one item at a time/);
		expect(f2?.detail).toContain('50');
		excludes(f1, 'fifo');
	});

	it('sends secure parameters to app settings or Key Vault, ignoring plain ones', () => {
		const wf = workflow('secrets', {
			parameters: {
				$connections: {type: 'Object'},
				apiKey: {type: 'securestring'},
				creds: {type: 'SecureObject'},
				region: {type: 'String', defaultValue: 'eu'},
			},
		});
		const f = ofWorkflow(run(wf), 'secrets', 'secure-parameters');
		expect(f?.detail).toContain('apiKey');
		expect(f?.detail).toContain('creds');
		expect(f?.detail).not.toContain('region');
		expect(f?.recommended).toBe('key-vault');
		expect(ofWorkflow(run(workflow('plain')), 'plain', 'secure-parameters')).toBeUndefined();
	});

	it('blocks nested workflow calls and names the target, in the app or not', () => {
		const child = workflow('child');
		const caller = workflow('parent', {
			actions: {
				Call_child: action('Workflow', {inputs: {host: {triggerName: 'manual', workflow: {id: child.id}}}}),
				Call_outside: action('Workflow', {inputs: {host: {triggerName: 'manual', workflow: {id: "[resourceId('Microsoft.Logic/workflows', 'elsewhere')]"}}}}),
			},
		});
		const f = ofWorkflow(run(caller, child), 'parent', 'nested-workflow');
		expect(f?.severity).toBe('blocker');
		expect(f?.detail).toMatch(/Call_child → child: the target moves into the same Standard app/);
		expect(f?.detail).toMatch(/Call_outside → elsewhere: the target is not in this inventory/);
		const todo = optionOf(f, 'rewire').effects[0];
		expect(todo?.type === 'acknowledge' && todo.todo).toMatch(/child/);
		excludes(f, 'parent');
	});

	it('flags Functions, API Management and batch operations for manual rewiring', () => {
		const wf = workflow('wired', {
			triggers: {Batch_messages: {type: 'Batch', inputs: {mode: 'Inline'}}},
			actions: {
				Fn: action('Function', {inputs: {function: {id: '/subscriptions/s/…/functions/f'}}}),
				Api: action('ApiManagement', {inputs: {api: {id: '/subscriptions/s/…/apis/a'}}}),
				Send: action('SendToBatch', {inputs: {batchName: 'b'}}),
			},
		});
		const f = ofWorkflow(run(wf), 'wired', 'rewiring');
		expect(f?.severity).toBe('warning');
		for (const name of ['Fn', 'Api', 'Send', 'Batch_messages']) expect(f?.detail).toContain(name);
		expect(ofWorkflow(run(workflow('plain')), 'plain', 'rewiring')).toBeUndefined();
	});

	it('flags timeouts above the Standard limits and leaves ordinary ones alone', () => {
		const wf = workflow('slow', {
			actions: {
				Slow_call: action('Http', {inputs: {method: 'GET', uri: 'https://x'}, limit: {timeout: 'PT4M'}}),
				Ok_call: action('Http', {inputs: {method: 'GET', uri: 'https://x'}, limit: {timeout: 'PT3M'}}),
				Poll: action('Until', {expression: '@true', limit: {count: 5000, timeout: 'P100D'}, actions: {}}),
				Short_poll: action('Until', {expression: '@true', limit: {count: 60, timeout: 'PT2H'}, actions: {}}),
				Approval: action('HttpWebhook', {inputs: {subscribe: {}, unsubscribe: {}}, limit: {timeout: 'P7D'}}),
			},
		});
		const f = ofWorkflow(run(wf), 'slow', 'limits');
		expect(f?.severity).toBe('warning');
		expect(f?.detail).toContain('Slow_call');
		expect(f?.detail).toContain('Poll');
		expect(f?.detail).not.toContain('Ok_call');
		expect(f?.detail).not.toContain('Short_poll');
		expect(f?.detail).not.toContain('Approval');
		excludes(f, 'slow');
		expect(ofWorkflow(run(workflow('fast')), 'fast', 'limits')).toBeUndefined();
	});

	it('offers Stateless for a request workflow of short synchronous steps, keeping Stateful as default', () => {
		const wf = workflow('echo', {
			triggers: triggers.request(),
			actions: {Parse: action('ParseJson'), Reply: action('Response', {inputs: {statusCode: 200}})},
		});
		const f = ofWorkflow(run(wf), 'echo', 'stateless');
		expect(f?.severity).toBe('info');
		expect(f?.certainty).toBe('U');
		expect(optionOf(f, 'stateless').effects).toEqual([{type: 'workflow', workflow: 'echo', kind: 'Stateless'}]);
		expect(optionOf(f, 'stateful').effects).toEqual([{type: 'workflow', workflow: 'echo', kind: 'Stateful'}]);
		expect(f?.recommended).toBe('stateful');
	});

	it('does not offer Stateless when the workflow waits, loops until, or is not request-triggered', () => {
		const waits = workflow('waits', {triggers: triggers.request(), actions: {Delay: action('Wait', {inputs: {interval: {count: 1, unit: 'Minute'}}})}});
		const loops = workflow('loops', {
			triggers: triggers.request(),
			actions: {Scope: action('Scope', {actions: {Retry: action('Until', {expression: '@true', actions: {}})}})},
		});
		const timer = workflow('timer');
		const findings = run(waits, loops, timer);
		expect(findings.filter((f) => f.id.endsWith(':stateless'))).toEqual([]);
	});
});

describe('definitionProblems', () => {
	it('accepts a sound definition', () => {
		expect(definitionProblems(workflow('ok', {actions: {If: action('If', {expression: {}, actions: {A: action('Compose')}, else: {actions: {}}})}}))).toEqual([]);
	});

	it('explains what is wrong with broken definitions', () => {
		const broken = (definition: unknown) => definitionProblems({...workflow('x'), definition: definition as Record<string, unknown>});
		expect(broken('oops').join()).toMatch(/not a JSON object/);
		expect(broken({triggers: {}, actions: 42}).join()).toMatch(/actions/);
		expect(broken({triggers: {}, actions: {A: 5}}).join()).toMatch(/action A/);
		expect(broken({triggers: {}, actions: {A: {inputs: {}}}}).join()).toMatch(/A has no type/);
		expect(broken({triggers: {}, actions: {S: {type: 'Scope', actions: 'x'}}}).join()).toMatch(/inside S/);
	});
});

describe('parseDurationSeconds', () => {
	it('reads ISO 8601 durations and rejects expressions', () => {
		expect(parseDurationSeconds('PT235S')).toBe(235);
		expect(parseDurationSeconds('PT1H30M')).toBe(5400);
		expect(parseDurationSeconds('P1D')).toBe(86_400);
		expect(parseDurationSeconds('P1W')).toBe(7 * 86_400);
		expect(parseDurationSeconds('pt4m')).toBe(240);
		expect(parseDurationSeconds("@parameters('timeout')")).toBeUndefined();
		expect(parseDurationSeconds('P')).toBeUndefined();
		expect(parseDurationSeconds('PT')).toBeUndefined();
		expect(parseDurationSeconds(30)).toBeUndefined();
	});
});

describe('workflows the source holds in a form Standard cannot run', () => {
	const withSchema = (wf: ReturnType<typeof workflow>, $schema: string) => ({...wf, definition: {...wf.definition, $schema}});

	it('a definition in the 2015-08-01-preview language is a blocker whose only way on is to leave it out', () => {
		const old = withSchema(workflow('legacy'), 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2015-08-01-preview/workflowdefinition.json#');
		const f = ofWorkflow(run(old), 'legacy', 'broken-source');
		expect(f?.severity).toBe('blocker');
		expect(f?.detail).toMatch(/2015-08-01-preview workflow definition language, and Standard runs only the 2016-06-01 one/);
		expect(f?.options.map((o) => o.id)).toEqual(['exclude']);
		expect(f?.recommended).toBe('exclude');
		excludes(f, 'legacy');
	});

	it('a step that runs after one that is not beside it is named, at any depth', () => {
		const wf = workflow('dangling', {
			actions: {
				Scope: action('Scope', {actions: {Inner: action('Compose', {runAfter: {Outer: ['Succeeded']}})}}),
				Outer: action('Compose', {runAfter: {Scope: ['Succeeded']}}),
			},
		});
		expect(ofWorkflow(run(wf), 'dangling', 'broken-source')?.detail).toMatch(/Inner \(in Scope\) runs after 'Outer', which is not a step beside it: Logic Apps refuses that/);
	});

	it('says nothing of a sound definition, of one whose $schema names another document (the converter mends that), or of a runAfter in another case', () => {
		const template = withSchema(workflow('gallery'), 'https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#');
		const cased = workflow('cased', {actions: {Get_Blob: action('Compose'), Parse: action('Compose', {runAfter: {get_blob: ['Succeeded']}})}});
		const findings = run(workflow('sound'), template, cased);
		expect(findings.filter((f) => f.id.endsWith(':broken-source'))).toEqual([]);
	});
});
