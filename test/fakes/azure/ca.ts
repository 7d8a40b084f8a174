// A throw-away certificate authority and a server certificate for 127.0.0.1, made at test time.
// The SDK refuses bearer tokens over plain http, so the fakes must speak TLS; trusting this CA
// (tlsOptions.ca in-process, NODE_EXTRA_CA_CERTS for a spawned CLI) is what lets the real clients in.
import {generate} from 'selfsigned';

export interface TestCa {
	/** PEM of the CA certificate: what clients trust. */
	ca: string;
	/** Server key and certificate (signed by the CA) for https.createServer. */
	key: string;
	cert: string;
}

let cached: Promise<TestCa> | undefined;

/** One CA per test process is enough; EC keys keep generation to a few milliseconds. */
export function testCa(): Promise<TestCa> {
	cached ??= makeCa();
	return cached;
}

async function makeCa(): Promise<TestCa> {
	const notAfterDate = new Date(Date.now() + 2 * 24 * 3600 * 1000);
	const root = await generate([{name: 'commonName', value: 'ise-migrate test CA'}], {
		keyType: 'ec',
		algorithm: 'sha256',
		notAfterDate,
		extensions: [
			{name: 'basicConstraints', cA: true, critical: true},
			{name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true},
		],
	});
	const leaf = await generate([{name: 'commonName', value: '127.0.0.1'}], {
		keyType: 'ec',
		algorithm: 'sha256',
		notAfterDate,
		ca: {key: root.private, cert: root.cert},
		extensions: [
			{name: 'basicConstraints', cA: false},
			{name: 'keyUsage', digitalSignature: true, keyEncipherment: true},
			{name: 'extKeyUsage', serverAuth: true},
			{name: 'subjectAltName', altNames: [{type: 7, ip: '127.0.0.1'}, {type: 2, value: 'localhost'}]},
		],
	});
	return {ca: root.cert, key: leaf.private, cert: leaf.cert};
}
