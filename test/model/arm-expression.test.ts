import {describe, expect, it} from 'vitest';
import {
	TemplateScope,
	Unresolved,
	isExpression,
	parseExpression,
	type ScopeInput,
} from '../../source/model/arm-expression.js';

const target = {subscriptionId: '11111111-2222-3333-4444-555555555555', resourceGroup: 'rg-int', location: 'westeurope'};

function scope(extra: Partial<ScopeInput> = {}): TemplateScope {
	return new TemplateScope({
		target,
		parameters: {
			loc: {type: 'string', defaultValue: 'northeurope'},
			env: {type: 'string', defaultValue: 'Prod'},
			prefix: {type: 'string'},
			count: {type: 'int', defaultValue: 3},
			apis: {type: 'array', defaultValue: ['sql', 'ftp']},
			secret: {type: 'securestring', defaultValue: 'hunter2'},
			location: {type: 'string', defaultValue: '[resourceGroup().location]'},
		},
		variables: {
			connName: "[concat('conn-', toLower(parameters('env')))]",
			nested: {inner: "[parameters('loc')]"},
		},
		...extra,
	});
}

const ev = (text: string, s = scope()) => s.evaluate(text);

describe('ARM expression evaluator', () => {
	it('tells expressions from literals, including the [[ escape', () => {
		expect(isExpression("[parameters('x')]")).toBe(true);
		expect(isExpression('[[not an expression]')).toBe(false);
		expect(isExpression('plain')).toBe(false);
		expect(ev('[[literal]')).toBe('[literal]');
		expect(ev('plain text')).toBe('plain text');
	});

	it('reads string literals with doubled quotes and nested calls', () => {
		expect(ev("[concat('it''s ', toUpper('ok'))]")).toBe("it's OK");
		expect(parseExpression("concat('a', parameters('b'))")).toMatchObject({k: 'call', name: 'concat'});
	});

	it('resolves parameters (case-insensitively), defaults that are expressions, and variables', () => {
		expect(ev("[parameters('LOC')]")).toBe('northeurope');
		expect(ev("[parameters('location')]")).toBe('westeurope');
		expect(ev("[variables('connName')]")).toBe('conn-prod');
		expect(ev("[variables('nested').inner]")).toBe('northeurope');
		expect(ev("[parameters('apis')[1]]")).toBe('ftp');
		expect(ev("[length(parameters('apis'))]")).toBe(2);
	});

	it('prefers supplied values over defaults', () => {
		const s = scope({values: {env: {value: 'Test'}}});
		expect(s.evaluate("[variables('connName')]")).toBe('conn-test');
	});

	it('builds managed API ids the way templates write them', () => {
		expect(ev("[concat(subscription().id, '/providers/Microsoft.Web/locations/', parameters('loc'), '/managedApis/', 'sql')]")).toBe(
			'/subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.Web/locations/northeurope/managedApis/sql',
		);
		expect(ev("[subscriptionResourceId('Microsoft.Web/locations/managedApis', parameters('loc'), 'ftp')]")).toBe(
			'/subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.Web/locations/northeurope/managedApis/ftp',
		);
		expect(ev("[concat('/subscriptions/', subscription().subscriptionId, '/x')]")).toBe('/subscriptions/11111111-2222-3333-4444-555555555555/x');
	});

	it('resourceId with and without subscription/resource group, multi-segment types and a trailing slash', () => {
		expect(ev("[resourceId('Microsoft.Web/connections', 'sql-1')]")).toBe('/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-int/providers/Microsoft.Web/connections/sql-1');
		expect(ev("[resourceId('rg-other', 'Microsoft.Web/connections', 'sql-1')]")).toBe('/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-other/providers/Microsoft.Web/connections/sql-1');
		expect(ev("[resourceId('99999999-2222-3333-4444-555555555555', 'rg-x', 'Microsoft.Web/connections', 'c')]")).toBe(
			'/subscriptions/99999999-2222-3333-4444-555555555555/resourceGroups/rg-x/providers/Microsoft.Web/connections/c',
		);
		expect(ev("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 's1')]")).toBe(
			'/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-int/providers/Microsoft.Network/virtualNetworks/vnet/subnets/s1',
		);
		expect(ev("[resourceId('Microsoft.Logic/integrationServiceEnvironments/', 'ise1')]")).toBe(
			'/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-int/providers/Microsoft.Logic/integrationServiceEnvironments/ise1',
		);
	});

	it('resourceGroup() and subscription() properties', () => {
		expect(ev('[resourceGroup().location]')).toBe('westeurope');
		expect(ev('[resourceGroup().name]')).toBe('rg-int');
		expect(ev('[resourcegroup().id]')).toBe('/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-int');
		expect(ev("[resourceGroup()['location']]")).toBe('westeurope');
	});

	it('string, logic and collection functions', () => {
		expect(ev("[format('{0}-{1:D3}', 'wf', 7)]")).toBe('wf-007');
		expect(ev("[format('{{literal}} {0}', 'x')]")).toBe('{literal} x');
		expect(ev("[replace('a-b-c', '-', '_')]")).toBe('a_b_c');
		expect(ev("[toLower('ABC')]")).toBe('abc');
		expect(ev("[if(equals(parameters('env'), 'Prod'), 'p', 'np')]")).toBe('p');
		expect(ev("[if(equals(parameters('env'), 'Dev'), reference('x').y, 'np')]")).toBe('np');
		expect(ev("[last(split('a/b/c', '/'))]")).toBe('c');
		expect(ev("[first(createArray('x', 'y'))]")).toBe('x');
		expect(ev("[createObject('a', 1).a]")).toBe(1);
		expect(ev("[union(createObject('a', 1), createObject('b', 2))]")).toEqual({a: 1, b: 2});
		expect(ev("[json('{\"k\": [1, 2]}').k[1]]")).toBe(2);
		expect(ev("[string(parameters('count'))]")).toBe('3');
		expect(ev("[uri('https://example.org/a/', 'b')]")).toBe('https://example.org/a/b');
		expect(ev("[base64('/')]")).toBe('Lw==');
		expect(ev("[base64ToString('Lw==')]")).toBe('/');
		expect(ev("[base64ToJson('eyJrIjoxfQ==')]")).toEqual({k: 1});
		expect(ev("[uriComponentToString('a%20b')]")).toBe('a b');
		expect(ev("[concat(createArray('a'), createArray('b'))]")).toEqual(['a', 'b']);
		expect(ev("[concat('n', 2)]")).toBe('n2');
	});

	it('copyIndex() inside a copy loop, unresolved outside one', () => {
		const s = scope().withCopy(2, 'loop');
		expect(s.evaluate('[copyIndex()]')).toBe(2);
		expect(s.evaluate('[copyIndex(1)]')).toBe(3);
		expect(s.evaluate("[copyIndex('loop')]")).toBe(2);
		expect(ev('[copyIndex()]')).toBeInstanceOf(Unresolved);
	});

	it('uniqueString() and guid() give stable stand-ins and say so', () => {
		const s = scope();
		const a = s.evaluate('[uniqueString(resourceGroup().id)]');
		const b = scope().evaluate('[uniqueString(resourceGroup().id)]');
		expect(typeof a).toBe('string');
		expect(a).toMatch(/^[a-z0-9]{13}$/);
		expect(a).toBe(b);
		expect(s.evaluate("[uniqueString('other')]")).not.toBe(a);
		expect(s.notes.some(n => n.kind === 'approximate' && /uniqueString/.test(n.message))).toBe(true);
		expect(s.evaluate("[guid('x')]")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
	});

	it('keeps what it cannot resolve verbatim, with a reason, never throwing', () => {
		const cases: [string, RegExp][] = [
			["[reference('x').outputs.y]", /only known when Azure deploys/],
			["[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'sa'), '2019-06-01').keys[0].value]", /only known when Azure deploys/],
			["[myFunctions.build('x')]", /not evaluated offline/],
			["[frobnicate('x')]", /not evaluated offline/],
			["[parameters('nope')]", /not declared/],
			["[variables('nope')]", /not declared/],
			["[concat('a', ]", /syntax error/],
			["[concat('unterminated)]", /syntax error/],
			["[toLower(parameters('count'))]", /must be a string/],
			// Decoding functions given what they cannot decode.
			["[base64ToJson('bm90IGpzb24=')]", /base64ToJson\(\): argument is not base64-encoded JSON/],
			["[uri('not a base', 'b')]", /uri\(\): 'not a base' is not an absolute URI/],
			["[uriComponentToString('%E0%A4%A')]", /uriComponentToString\(\): argument is not URI-encoded/],
		];
		for (const [text, reason] of cases) {
			const v = ev(text);
			expect(v, text).toBeInstanceOf(Unresolved);
			expect((v as Unresolved).text).toBe(text);
			expect((v as Unresolved).reason).toMatch(reason);
		}
	});

	it('a parameter without a value: verbatim by default, its name as a noted placeholder for names', () => {
		const s = scope();
		const u = s.evaluate("[concat(parameters('prefix'), '-sql')]");
		expect(u).toBeInstanceOf(Unresolved);
		expect((u as Unresolved).reason).toMatch(/'prefix' has no value/);
		expect(s.evaluate("[concat(parameters('prefix'), '-sql')]", {missingParameters: 'placeholder'})).toBe('prefix-sql');
		expect(s.notes.filter(n => n.kind === 'placeholder').map(n => n.subject)).toEqual(['prefix']);
		// In definitions only ids take placeholders, so a sibling workflow's id matches its placeholder name.
		expect(s.evaluate("[resourceId('Microsoft.Logic/workflows', parameters('prefix'))]", {missingParameters: 'ids'})).toMatch(/\/workflows\/prefix$/);
		expect(s.evaluate("[parameters('prefix')]", {missingParameters: 'ids'})).toBeInstanceOf(Unresolved);
	});

	it('a missing location parameter takes the deployment location as its placeholder', () => {
		const s = new TemplateScope({target, parameters: {regionLocation: {type: 'string'}}});
		expect(s.evaluate("[parameters('regionLocation')]", {missingParameters: 'placeholder'})).toBe('westeurope');
	});

	it('never reads secure parameter values or Key Vault references', () => {
		const s = scope({values: {secret: {value: 'p@ss'}, env: {keyVault: true}}});
		const v = s.evaluate("[parameters('secret')]", {missingParameters: 'placeholder'});
		expect(v).toBeInstanceOf(Unresolved);
		expect(JSON.stringify(v)).not.toContain('p@ss');
		expect(JSON.stringify(v)).not.toContain('hunter2');
		expect((s.evaluate("[parameters('env')]") as Unresolved).reason).toMatch(/Key Vault/);
	});

	it('evaluates a whole tree, property names included, keeping unresolved strings verbatim', () => {
		const s = scope();
		const {value, unresolved} = s.evaluateDeep({
			"[format('{0}', base64('/'))]": "[parameters('loc')]",
			list: ["[toUpper('a')]", '[utcNow()]', '[[x]'],
			n: 5,
		});
		expect(value).toEqual({'Lw==': 'northeurope', list: ['A', '[utcNow()]', '[x]'], n: 5});
		expect(unresolved.map(u => u.text)).toEqual(['[utcNow()]']);
	});

	it('survives variables that refer to themselves', () => {
		const s = new TemplateScope({target, variables: {a: "[variables('b')]", b: "[variables('a')]"}});
		expect(s.evaluate("[variables('a')]")).toBeInstanceOf(Unresolved);
	});

	// Expected values from the ARM CIDR functions reference (parseCidr('10.144.0.0/20') example) and by hand.
	it('parses an IPv4 range with parseCidr()', () => {
		expect(ev("[parseCidr('10.144.0.0/20')]")).toEqual({
			network: '10.144.0.0',
			netmask: '255.255.240.0',
			broadcast: '10.144.15.255',
			firstUsable: '10.144.0.1',
			lastUsable: '10.144.15.254',
			cidr: 20,
		});
	});

	it.each([
		["[parseCidr('192.168.1.17/32').lastUsable]", '192.168.1.17'],
		["[parseCidr('0.0.0.0/0').netmask]", '0.0.0.0'],
		["[cidrSubnet('10.144.0.0/20', 24, 0)]", '10.144.0.0/24'],
		["[cidrSubnet('10.144.0.0/20', 24, 15)]", '10.144.15.0/24'],
		["[cidrSubnet('10.1.0.0/16', add(parseCidr('10.1.0.0/16').cidr, 1), 1)]", '10.1.128.0/17'],
		["[cidrSubnet('10.0.0.0/8', 8, 0)]", '10.0.0.0/8'],
	])('CIDR: %s', (text, want) => {
		expect(ev(text)).toBe(want);
	});

	it('reports CIDR arguments it cannot honour instead of inventing a range', () => {
		for (const text of [
			"[cidrSubnet('10.144.0.0/20', 24, 16)]",
			"[cidrSubnet('10.144.0.0/20', 19, 0)]",
			"[cidrSubnet('10.144.0.0/20', 33, 0)]",
			"[parseCidr('10.144.0.300/20')]",
			"[parseCidr('10.144.0.0')]",
			"[parseCidr('fdad:3236:5555::/48')]",
		]) {
			const v = ev(text);
			expect(v, text).toBeInstanceOf(Unresolved);
			expect((v as Unresolved).text).toBe(text);
		}
		expect((ev("[cidrSubnet('10.144.0.0/20', 24, 16)]") as Unresolved).reason).toMatch(/cidrSubnet\(\).*16 subnets of \/24/);
		expect((ev("[parseCidr('fdad::/48')]") as Unresolved).reason).toMatch(/IPv6/);
	});

	it('lets a caller stand in for runtime functions and watch calls through hooks', () => {
		const calls: string[] = [];
		const runtime = {what: 'principal'};
		const s = scope({
			hooks: {
				call(name, args, builtin) {
					calls.push(name);
					if (name === 'reference') return runtime;
					if (name === 'toupper') return builtin(['forced']);
					return builtin(args);
				},
				member: (target, key) => (target === runtime ? {value: `<${String(key)}>`} : undefined),
			},
		});
		expect(s.evaluate("[reference(resourceId('Microsoft.Web/sites', 'app'), '2023-12-01').identity]")).toBe('<identity>');
		expect(s.evaluate("[reference('x')['principalId']]")).toBe('<principalId>');
		expect(s.evaluate("[toUpper('a')]")).toBe('FORCED');
		expect(s.evaluate("[if(equals(1, 1), 'yes', listKeys('x', '1'))]")).toBe('yes');
		expect(calls).toEqual(['resourceid', 'reference', 'reference', 'toupper', 'equals']);
		// Without a hook the same runtime call stays unresolved, as the loader needs.
		expect(ev("[reference('x').identity]")).toBeInstanceOf(Unresolved);
	});
});
