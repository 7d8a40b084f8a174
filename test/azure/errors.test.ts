// Error shapes the SDKs throw, turned into what-is-wrong / what-to-do sentences without secrets.
import {describe, expect, test} from 'vitest';
import {describeAzureError, formatAzureError, redact} from '../../source/azure/errors.js';

const restError = (statusCode: number | undefined, code: string, message: string, url = 'https://management.azure.com/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Logic/workflows?api-version=2019-05-01') =>
	Object.assign(new Error(message), {name: 'RestError', statusCode, code, request: {url}});

describe('redact', () => {
	test('removes tokens, bearer headers, secret fields and secret env values', () => {
		const jwt = 'eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ0MSJ9.c2lnbmF0dXJl';
		const text = `token ${jwt} Authorization: Bearer abc.def client_secret=hunter2-secret&x=1 and my-env-secret-value`;
		const out = redact(text, {AZURE_CLIENT_SECRET: 'my-env-secret-value'});
		expect(out).not.toContain(jwt);
		expect(out).not.toContain('abc.def');
		expect(out).not.toContain('hunter2-secret');
		expect(out).not.toContain('my-env-secret-value');
		expect(out).toContain('[token]');
	});
});

describe('describeAzureError', () => {
	test('403 names the Reader role and the scope from the message', () => {
		const p = describeAzureError(
			restError(403, 'AuthorizationFailed', "The client 'u@x' with object id 'o' does not have authorization to perform action 'Microsoft.Logic/workflows/read' over scope '/subscriptions/s1/resourceGroups/rg1' or the scope is invalid."),
			{action: 'listing workflows'},
		);
		expect(p.kind).toBe('forbidden');
		expect(p.message).toContain('Microsoft.Logic/workflows/read');
		expect(p.hint).toBe('It needs the Reader role (or another role that grants Microsoft.Logic/workflows/read) on /subscriptions/s1/resourceGroups/rg1; ask an owner of that scope to assign it.');
	});

	test('403 without a scope in the message falls back to the request’s scope', () => {
		const p = describeAzureError(restError(403, 'Forbidden', 'Forbidden'));
		expect(p.hint).toContain('Reader role');
		expect(p.hint).toContain('/subscriptions/s1/resourceGroups/rg1');
	});

	test('tenant mismatch names the tenant the subscription belongs to', () => {
		const p = describeAzureError(
			restError(401, 'InvalidAuthenticationTokenTenant', "The access token is from the wrong issuer 'https://sts.windows.net/aaaa/'. It must match the tenant 'https://sts.windows.net/bbbb/' associated with this subscription."),
			{tenantNames: {bbbb: 'Fabrikam', aaaa: 'Contoso'}},
		);
		expect(p.kind).toBe('tenant');
		expect(p.tenantId).toBe('bbbb');
		expect(p.message).toBe('This subscription belongs to tenant Fabrikam (bbbb), but the sign-in token is from tenant Contoso (aaaa).');
		expect(p.hint).toContain('az login --tenant bbbb');
	});

	test('network and TLS failures say which host and what to check', () => {
		const reset = describeAzureError(restError(undefined, 'ECONNRESET', 'socket hang up'));
		expect(reset.kind).toBe('network');
		expect(reset.message).toContain('management.azure.com');
		expect(reset.transient).toBe(true);
		const tls = describeAzureError(restError(undefined, 'SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'));
		expect(tls.kind).toBe('tls');
		expect(tls.hint).toContain('NODE_EXTRA_CA_CERTS');
	});

	test('throttling that outlasted the retries, and server errors, are transient with a retry hint', () => {
		expect(describeAzureError(restError(429, 'TooManyRequests', 'throttled'))).toMatchObject({kind: 'throttled', transient: true});
		expect(formatAzureError(restError(429, 'TooManyRequests', 'throttled'))).toContain('--concurrency');
		expect(describeAzureError(restError(502, 'BadGateway', 'bad gateway'))).toMatchObject({kind: 'server', transient: true});
	});

	test('a service principal error never shows the secret it was given', () => {
		const env = {AZURE_CLIENT_SECRET: 'the-secret-1234', AZURE_CLIENT_ID: 'app-1'};
		const err = Object.assign(new Error('AADSTS700016: Application with identifier app-1 was not found. client_secret=the-secret-1234'), {name: 'AuthenticationError'});
		const text = formatAzureError(err, {env, tenantId: 'T1'});
		expect(text).toContain('app-1');
		expect(text).toContain('T1');
		expect(text).not.toContain('the-secret-1234');
	});
});
