// A bare workflow definition, as an offline source holds one without any template around it: no ISE, no region.
export const BARE_DEFINITION = {
	$schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
	contentVersion: '1.0.0.0',
	triggers: {manual: {type: 'Request', kind: 'Http', inputs: {schema: {}}}},
	actions: {Respond: {type: 'Response', runAfter: {}, inputs: {statusCode: 200}}},
	outputs: {},
};
