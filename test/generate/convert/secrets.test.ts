// Credentials written into ISE workflow definitions never reach the generated project: a marker secret planted in
// every place a credential can sit must not appear in any generated file, while each place reads an app setting
// that local.settings.json lists (empty), and each workflow gets one finding.
import {describe, expect, test} from 'vitest';
import {analyze} from '../../../source/analysis/index.js';
import {findCredentials} from '../../../source/analysis/credentials.js';
import {generate, plan} from '../../../source/generate/index.js';
import type {FileSet, Inventory, Workflow} from '../../../source/model/index.js';
import {inventory, workflow, SUB} from '../../helpers/inventory.js';
import {fileText} from '../../../source/model/fileset.js';

const M = 'PLANTEDsecret';
let n = 0;
/** A distinct marker per place, so a leak names the place. */
const mark = (where: string) => `${M}${++n}x${where}`;

const FN_ID = `/subscriptions/${SUB}/resourceGroups/rg-fn/providers/Microsoft.Web/sites/fn-app/functions/Validate`;
const APIM_ID = `/subscriptions/${SUB}/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/apim-x/apis/rates`;

const http = (inputs: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({type: 'Http', inputs: {method: 'GET', ...inputs}, runAfter: {}, ...extra});

function planted(): Workflow[] {
	const a = workflow('http-calls');
	a.definition.parameters = {
		plainKey: {type: 'String', defaultValue: mark('paramDefault')},
		secureKey: {type: 'SecureString'},
		baseUrl: {type: 'String', defaultValue: 'https://api.contoso.com'},
		// Plain parameters that hold credentials without any step naming them as such.
		signedUrl: {type: 'String'},
		storage: {type: 'String', defaultValue: `DefaultEndpointsProtocol=https;AccountName=st;AccountKey=${mark('accountKey')};EndpointSuffix=core.windows.net`},
		settings: {type: 'Object', defaultValue: {endpoint: 'https://x', password: mark('objectPassword')}},
	};
	a.parameters = {plainKey: {value: mark('paramValue')}, signedUrl: {value: `https://prod-01.westeurope.logic.azure.com/workflows/1/triggers/manual/paths/invoke?api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${mark('paramSig')}`}};
	a.definition.triggers = {
		Poll: {
			type: 'Http',
			recurrence: {frequency: 'Minute', interval: 5},
			inputs: {method: 'GET', uri: `https://poll.contoso.com/items?sig=${mark('triggerSig')}`, authentication: {type: 'Basic', username: 'svc', password: mark('triggerBasic')}},
		},
	};
	a.definition.actions = {
		Basic: http({uri: 'https://a.contoso.com/x', authentication: {type: 'Basic', username: 'svc-user', password: mark('basic')}}),
		Cert: http({uri: 'https://a.contoso.com/x', authentication: {type: 'ClientCertificate', pfx: mark('pfx'), password: mark('pfxPassword')}}),
		OAuth: http({
			uri: 'https://a.contoso.com/x',
			authentication: {type: 'ActiveDirectoryOAuth', tenant: 'contoso.onmicrosoft.com', audience: 'https://a.contoso.com', clientId: 'c1', secret: mark('aadSecret')},
		}),
		OAuthCert: http({
			uri: 'https://a.contoso.com/x',
			authentication: {type: 'ActiveDirectoryOAuth', tenant: 't', audience: 'a', clientId: 'c1', pfx: mark('aadPfx'), password: mark('aadPfxPassword')},
		}),
		Raw: http({uri: 'https://a.contoso.com/x', authentication: {type: 'Raw', value: `Bearer ${mark('raw')}`}}),
		Headers: http({
			uri: 'https://a.contoso.com/x',
			headers: {
				Authorization: `Bearer ${mark('authHeader')}`,
				'Ocp-Apim-Subscription-Key': mark('apimHeader'),
				'x-functions-key': mark('fnHeader'),
				'X-API-Key': mark('apiKeyHeader'),
				'Content-Type': 'application/json',
			},
		}),
		Uris: {
			type: 'Scope',
			runAfter: {},
			actions: {
				Sas: http({uri: `https://st.blob.core.windows.net/c/b?sv=2022-11-02&sr=b&sig=${mark('sas')}`}),
				Fn: http({uri: `@{parameters('baseUrl')}/api/run?code=${mark('code')}&name=x`}),
				Key: http({uri: `https://maps.contoso.com/q?key=${mark('key')}`}),
				Sub: http({uri: `https://apim.contoso.com/r?subscription-key=${mark('subKey')}`}),
				UserInfo: http({uri: `https://svc:${mark('userinfo')}@ftp.contoso.com/x`}),
				Slack: http({method: 'POST', uri: `https://hooks.slack.com/services/T000/B000/${mark('slack')}`, body: {text: 'hi'}}),
				InExpression: http({uri: `@concat(parameters('baseUrl'), '/api/run?code=${mark('exprCode')}')`}),
			},
		},
		Branch: {
			type: 'If',
			expression: {and: [{equals: [1, 1]}]},
			runAfter: {},
			actions: {
				Queries: http({uri: 'https://a.contoso.com/x', queries: {sig: mark('qSig'), code: mark('qCode'), key: mark('qKey'), 'subscription-key': mark('qSub'), page: '1'}}),
			},
			else: {
				actions: {
					Loop: {
						type: 'Foreach',
						foreach: '@createArray(1)',
						actions: {
							Form: http({
								method: 'POST',
								uri: 'https://login.contoso.com/token',
								headers: {'Content-Type': 'application/x-www-form-urlencoded'},
								body: `grant_type=client_credentials&client_id=app1&client_secret=${mark('form')}`,
							}),
							Json: http({method: 'POST', uri: 'https://a.contoso.com/login', body: {user: 'svc', password: mark('jsonPassword'), nested: {apiKey: mark('jsonApiKey')}}}),
						},
					},
				},
			},
		},
		Switch: {
			type: 'Switch',
			expression: '@variables(\'x\')',
			runAfter: {},
			cases: {One: {case: 1, actions: {Mixed: http({uri: 'https://a.contoso.com/x', headers: {Authorization: `@{concat('Basic ', base64('svc:${mark('base64')}'))}`}})}}},
			default: {actions: {FromParams: http({uri: 'https://a.contoso.com/x', headers: {'x-api-key': "@parameters('plainKey')", Authorization: "@{parameters('secureKey')}"}})}},
		},
		Webhook: {
			type: 'HttpWebhook',
			runAfter: {},
			inputs: {
				subscribe: {method: 'POST', uri: `https://hooks.contoso.com/sub?sig=${mark('hookSig')}`, authentication: {type: 'Basic', username: 'u', password: mark('hookBasic')}, body: {callback: '@{listCallbackUrl()}'}},
				unsubscribe: {method: 'POST', uri: 'https://hooks.contoso.com/unsub', headers: {Authorization: mark('hookUnsub')}},
			},
		},
	};

	const b = workflow('function-apim');
	b.definition.actions = {
		CallFn: {type: 'Function', runAfter: {}, inputs: {function: {id: FN_ID}, method: 'POST', queries: {code: mark('fnQuery')}, headers: {'x-functions-key': mark('fnKeyHeader')}}},
		CallFnAuth: {type: 'Function', runAfter: {}, inputs: {function: {id: FN_ID}, method: 'POST', authentication: {type: 'Raw', value: mark('fnRaw')}}},
		CallApim: {type: 'ApiManagement', runAfter: {}, inputs: {api: {id: APIM_ID}, method: 'GET', pathTemplate: {template: '/rates'}, subscriptionKey: mark('apimKey')}},
		CallApimKept: {
			type: 'ApiManagement',
			runAfter: {},
			inputs: {api: {id: APIM_ID}, method: 'GET', pathTemplate: {template: '/rates'}, subscriptionKey: mark('apimKeptKey'), authentication: {type: 'Basic', username: 'u', password: mark('apimBasic')}},
		},
	};
	return [a, b];
}

function run(inv: Inventory): FileSet {
	const findings = analyze(inv);
	return generate(plan(inv, findings, {}), {generatedAt: '2026-01-01T00:00:00.000Z', toolVersion: 'test'});
}

describe('credentials inside workflow definitions', () => {
	const workflows = planted();
	const inv = inventory({workflows});
	const files = run(inv);
	const defs = Object.fromEntries(workflows.map((w) => [w.name, JSON.parse(fileText(files.get(`${w.name}/workflow.json`))).definition as Record<string, unknown>]));
	const local = JSON.parse(files.get('local.settings.json')!).Values as Record<string, string>;

	test('no planted secret appears in any generated file', () => {
		expect(n).toBeGreaterThan(35);
		const leaks = [...files].flatMap(([file, text]) => [...fileText(text).matchAll(new RegExp(`${M}\\d+x\\w+`, 'g'))].map((m) => `${file}: ${m[0]}`));
		expect(leaks).toEqual([]);
	});

	test('each place reads an app setting that local.settings.json lists empty', () => {
		const text = JSON.stringify(defs);
		const referenced = [...fileText(text).matchAll(/appsetting\('([^']+)'\)/g)].map((m) => m[1]!);
		expect(referenced.length).toBeGreaterThan(25);
		for (const name of referenced) expect(local[name], name).toBe('');
		const act = (wf: string, ...path: string[]) => path.reduce<any>((o, k) => o?.[k], defs[wf]);
		expect(act('http-calls', 'actions', 'Basic', 'inputs', 'authentication')).toEqual({type: 'Basic', username: 'svc-user', password: "@appsetting('http_calls_Basic_password')"});
		expect(act('http-calls', 'actions', 'Headers', 'inputs', 'headers')).toMatchObject({
			Authorization: "Bearer @{appsetting('http_calls_Headers_Authorization')}",
			'Content-Type': 'application/json',
		});
		expect(act('http-calls', 'actions', 'Uris', 'actions', 'Sas', 'inputs', 'uri')).toBe(
			"https://st.blob.core.windows.net/c/b?sv=2022-11-02&sr=b&sig=@{appsetting('http_calls_Sas_sig')}",
		);
		expect(act('http-calls', 'actions', 'Uris', 'actions', 'Fn', 'inputs', 'uri')).toBe("@{parameters('baseUrl')}/api/run?code=@{appsetting('http_calls_Fn_code')}&name=x");
		expect(act('http-calls', 'actions', 'Uris', 'actions', 'InExpression', 'inputs', 'uri')).toBe(
			"@concat(parameters('baseUrl'), concat('/api/run?code=', appsetting('http_calls_InExpression_code')))",
		);
		expect(act('http-calls', 'actions', 'Switch', 'cases', 'One', 'actions', 'Mixed', 'inputs', 'headers', 'Authorization')).toBe(
			"@{concat('Basic ', base64(appsetting('http_calls_Mixed_Authorization')))}",
		);
		expect(act('http-calls', 'actions', 'Branch', 'actions', 'Queries', 'inputs', 'queries', 'page')).toBe('1');
	});

	test('expressions that read parameters stay; a plain parameter a credential reads becomes an app setting', () => {
		const fromParams = (defs['http-calls'] as any).actions.Switch.default.actions.FromParams.inputs.headers;
		expect(fromParams).toEqual({'x-api-key': "@parameters('plainKey')", Authorization: "@{parameters('secureKey')}"});
		const params = JSON.parse(files.get('parameters.json')!) as Record<string, {value: unknown}>;
		expect(params.plainKey!.value).toBe("@appsetting('http_calls_plainKey')");
		expect(params.baseUrl!.value).toBe('https://api.contoso.com');
		for (const name of ['signedUrl', 'storage', 'settings']) expect(params[name]!.value, name).toBe(`@appsetting('http_calls_${name}')`);
	});

	test('one finding per workflow names the places, never a value', () => {
		const findings = analyze(inv).filter((f) => f.id.endsWith(':credentials'));
		expect(findings.map((f) => f.id).sort()).toEqual(['workflow:function-apim:credentials', 'workflow:http-calls:credentials']);
		const text = JSON.stringify(findings);
		expect(text).not.toContain(M);
		expect(text).toContain('Basic: authentication (Basic) password');
		expect(text).toContain("'plainKey'");
		expect(text).toContain("'signedUrl'");
	});

	test('the infrastructure template sets every credential setting from its parameter, with no value', () => {
		const template = files.get('infra/azuredeploy.json')!;
		const names = Object.keys(JSON.parse(files.get('infra/azuredeploy.parameters.json')!).parameters.appSettingValues.value);
		expect(names).toContain('http_calls_Cert_pfx');
		expect(template).toContain("[parameters('appSettingValues')['http_calls_Cert_pfx']]");
	});
});

describe('findCredentials()', () => {
	test('leaves values that only read parameters, app settings or other steps alone', () => {
		const wf = workflow('clean');
		wf.definition.actions = {
			Call: http({
				uri: "@{appsetting('Base')}/x?code=@{parameters('fnKey')}",
				headers: {Authorization: "Bearer @{body('Get_token')?['access_token']}", 'Idempotency-Key': 'order-42'},
				authentication: {type: 'ManagedServiceIdentity', audience: 'https://x'},
			}),
		};
		wf.definition.parameters = {fnKey: {type: 'SecureString'}};
		const before = JSON.stringify(wf.definition);
		expect(findCredentials(wf.definition)).toEqual({sites: [], parameters: []});
		expect(JSON.stringify(wf.definition)).toBe(before);
	});

	test('a definition that is not an object has none', () => {
		expect(findCredentials('nonsense')).toEqual({sites: [], parameters: []});
	});
});
