// SQL Server (operations.md §1). Managed V2 paths carry `{server},{database}` ('default','default' = the
// connection's own); the built-in connection is fixed to one server/database. Built-in keys and outputs: the Learn
// built-in reference (29-SQL-Server.md) and Microsoft's generated Microsoft.Azure.Workflows.Sdk.ServiceProviders.Sql
// (getRows/executeQuery return an array of rows, insertRow one row, updateRows/deleteRows arrays of rows;
// executeStoredProcedure {resultSets, outputParameters, returnCode}).
import {connectionString, fromBody, fromField, fromPath, fromQuery, p, req, unsupportedQueries} from '../build.js';
import type {CatalogEntry, OperationMapping, OutputChange, ParamRule} from '../types.js';

const V2 = '/v2/datasets/{server},{database}';
const V1 = '/datasets/default';
const scope = {vars: ['server', 'database'], defaults: ['default']};
const ODATA_OPTIONS = unsupportedQueries(
	"the built-in getRows takes OData options only as a 'queries' object whose keys its reference does not document",
	'$orderby',
	'$top',
	'$skip',
	'$select',
	'$apply',
).map((u) => ({...u, undocumented: true}));

const rowsArray: OutputChange = {
	change: 'managed returns {value:[rows]}, built-in returns the array of rows',
	certainty: 'S',
	rewrites: [{kind: 'path', from: ['value'], to: []}],
};
const singleToArray: OutputChange = {
	change: 'managed returns one row object, built-in returns an array of rows',
	certainty: 'S',
	rewrites: [{kind: 'index0'}],
};
const sameRow: OutputChange = {
	change: 'both return the inserted row with its generated and default columns',
	certainty: 'S',
	rewrites: [{kind: 'keep'}],
};
const triggerRows: OutputChange = {
	change: 'managed returns {value:[rows]}, built-in returns the changed rows as an array; split per row, each run reads the same row fields',
	certainty: 'S',
	rewrites: [{kind: 'path', from: ['value'], to: []}, {kind: 'keep'}],
};
const triggerNote =
	'the built-in SQL trigger needs change tracking enabled on the table; the managed trigger used an IDENTITY/ROWVERSION column';

interface Variant {
	v: 'v1' | 'v2';
	base: string;
}
const VARIANTS: Variant[] = [
	{v: 'v2', base: V2},
	{v: 'v1', base: V1},
];
const scoped = (v: Variant) => (v.v === 'v2' ? {connectionScope: scope} : {});
const suffix = (v: Variant) => (v.v === 'v2' ? ' (V2)' : '');
const table = req('tableName', fromPath('table'));
const key = req('primaryKey', fromPath('id'));

function tableRows(v: Variant): OperationMapping[] {
	const rows = `${v.base}/tables/{table}/items`;
	const row = `${rows}/{id}`;
	const op = (id: string, label: string, method: string, path: string, operationId: string, params: ParamRule[], extra: Partial<OperationMapping>): OperationMapping => ({
		id: `sql.${id}.${v.v}`,
		label: `${label}${suffix(v)}`,
		kind: 'action',
		method,
		paths: [path],
		operationId,
		certainty: v.v === 'v2' ? 'C' : 'S',
		params,
		...scoped(v),
		...extra,
	});
	return [
		op('getRows', 'Get rows', 'get', rows, 'getRows', [table, p('columnValuesForWhereCondition', fromQuery('$filter', {op: 'odataEquality'}))], {
			unsupported: ODATA_OPTIONS,
			output: rowsArray,
		}),
		op('getRow', 'Get row', 'get', row, 'getRows', [table, key], {certainty: 'S', output: singleToArray}),
		op('insertRow', 'Insert row', 'post', rows, 'insertRow', [table, req('setColumns', fromBody())], {output: sameRow}),
		op('updateRows', 'Update row', 'patch', row, 'updateRows', [table, key, req('setColumns', fromBody())], {certainty: 'S', output: singleToArray}),
		op('deleteRows', 'Delete row', 'delete', row, 'deleteRows', [table, key], {certainty: 'S'}),
	];
}

const procedure = (v: Variant): OperationMapping => ({
	id: `sql.executeStoredProcedure.${v.v}`,
	label: `Execute stored procedure${suffix(v)}`,
	kind: 'action',
	method: 'post',
	paths: [`${v.base}/procedures/{procedure}`],
	operationId: 'executeStoredProcedure',
	certainty: 'C',
	params: [req('storedProcedureName', fromPath('procedure')), p('storedProcedureParameters', fromBody())],
	...scoped(v),
	output: {
		// The built-in returns resultSets as an array of result sets (Learn: "an array object that contains all the
		// result sets"), where the managed one returned an object keyed Table1, Table2…; the elements' shape is not
		// documented, so a read of ResultSets is never rewritten.
		change:
			'managed returns {ResultSets:{Table1…}, OutputParameters, ReturnCode}, built-in returns {resultSets (an array of result sets whose element shape is not documented), outputParameters, returnCode}',
		certainty: 'S',
		rewrites: [
			{kind: 'path', from: ['OutputParameters'], to: ['outputParameters']},
			{kind: 'path', from: ['ReturnCode'], to: ['returnCode']},
		],
	},
});

const query = (v: Variant): OperationMapping => ({
	id: `sql.executeQuery.${v.v}`,
	label: `Execute a SQL query${suffix(v)}`,
	kind: 'action',
	method: 'post',
	paths: [`${v.base}/query/sql`],
	operationId: 'executeQuery',
	certainty: 'C',
	// The managed body names each parameter's SQL type (formalParameters) and value (actualParameters); the built-in
	// takes the values by name (queryParameters) and infers the types [S].
	params: [req('query', fromField('query')), p('queryParameters', fromField('actualParameters'))],
	...scoped(v),
	output: {
		change: 'managed returns {ResultSets:{Table1:[rows]}}, built-in returns the array of rows',
		certainty: 'S',
		rewrites: [{kind: 'path', from: ['ResultSets', 'Table1'], to: []}],
	},
});

const TRIGGER_PATHS = (what: string) => [`${V2}/tables/{table}/${what}`, `/datasets/{server},{database}/tables/{table}/${what}`, `${V1}/tables/{table}/${what}`];

export const sql: CatalogEntry = {
	api: 'sql',
	aliases: ['sqlserver', 'azuresql'],
	displayName: 'SQL Server',
	target: 'builtin',
	certainty: 'C',
	serviceProviderId: '/serviceProviders/sql',
	reachesPrivateNetwork: true,
	// As Microsoft's reference connections.json writes it (SQLServerServiceProvider).
	connection: {parameterSetName: 'connectionString', parameters: [connectionString('SQL database')], certainty: 'C'},
	operations: [
		query(VARIANTS[0]!),
		query(VARIANTS[1]!),
		procedure(VARIANTS[0]!),
		procedure(VARIANTS[1]!),
		...tableRows(VARIANTS[0]!),
		...tableRows(VARIANTS[1]!),
		{
			id: 'sql.whenARowIsInserted',
			label: 'When an item is created (V2)',
			kind: 'trigger',
			method: 'get',
			paths: TRIGGER_PATHS('onnewitems'),
			operationId: 'whenARowIsInserted',
			certainty: 'C',
			params: [table],
			unsupported: unsupportedQueries('the built-in trigger has no filter; move it into a Condition', '$filter'),
			connectionScope: scope,
			output: triggerRows,
			trigger: {splitOn: "@triggerOutputs()?['body']", onlyWhenSplit: true},
			note: triggerNote,
		},
		{
			id: 'sql.whenARowIsModified',
			label: 'When an item is modified (V2)',
			kind: 'trigger',
			method: 'get',
			paths: TRIGGER_PATHS('onupdateditems'),
			operationId: 'whenARowIsModified',
			certainty: 'S',
			params: [table],
			unsupported: unsupportedQueries('the built-in trigger has no filter; move it into a Condition', '$filter'),
			connectionScope: scope,
			output: triggerRows,
			trigger: {splitOn: "@triggerOutputs()?['body']", onlyWhenSplit: true},
			note: `${triggerNote}; whenARowIsModified also fires for inserts`,
		},
	],
};
