// Child process of the bench: the local fake Entra + ARM (test/fakes/azure) serving a synthetic estate with a
// fixed latency per ARM request, in its own process so serving never competes with the client's event loop.
//   node fake-arm.js <workflows> <latencyMs>   → sends {armUrl, authorityUrl, ca}; answers 'count' and 'reset'
import {SUBSCRIPTION_ID} from '../source/sources/demo/shared.js';
import {sampleEstate, skuList, T_CONTOSO} from '../test/fakes/azure/estate.js';
import {startFakeAzure} from '../test/fakes/azure/index.js';
import {armResources, syntheticEstate} from './estate.js';

const [count = '100', latency = '20'] = process.argv.slice(2);
const inventory = syntheticEstate(Number(count));
const fake = await startFakeAzure(
	sampleEstate({
		subscriptions: [{subscriptionId: SUBSCRIPTION_ID, displayName: 'Contoso Integration', tenantId: T_CONTOSO}],
		resources: armResources(inventory),
		lists: {[`${inventory.ise.id}/skus`]: skuList()},
		latencyMs: Number(latency),
		// As when ARM lists workflows without their parameters: every workflow is read on its own, so the
		// reads are many and independent, and concurrency decides the time.
		workflowListOmitsParameters: true,
	}),
);
let from = 0;
process.on('message', (message) => {
	if (message === 'reset') {
		from = fake.requests.length;
		fake.stats.maxInFlight = 0;
		process.send!({ok: true});
	} else if (message === 'count') {
		const arm = fake.requests.slice(from).filter((r) => r.service === 'arm');
		process.send!({requests: arm.length, maxInFlight: fake.stats.maxInFlight});
	} else if (message === 'close') {
		void fake.close().then(() => process.exit(0));
	}
});
process.send!({armUrl: fake.armUrl, authorityUrl: fake.authorityUrl, ca: fake.ca});
