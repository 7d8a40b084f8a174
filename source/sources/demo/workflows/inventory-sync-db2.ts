// Every hour, pages through the AS/400 stock table (DB2) and mirrors changed stock levels into an
// Azure table the web shop reads. Only rows that changed are written.
import {connection, definition, host, workflow} from '../shared.js';

const PAGE_SIZE = 500;
const TABLES_ACCOUNT = "/v2/storageAccounts/@{encodeURIComponent(encodeURIComponent('AccountNameFromSettings'))}";

export const inventorySyncDb2 = workflow({
	name: 'inventory-sync-db2',
	connections: [connection('db2', 'db2-as400'), connection('azuretables', 'azuretables-stcontosoops')],
	definition: definition({
		parameters: {
			warehouseId: {type: 'String', defaultValue: 'AMS1'},
		},
		triggers: {
			Every_hour: {
				type: 'Recurrence',
				recurrence: {frequency: 'Hour', interval: 1},
			},
		},
		actions: {
			Initialize_page_offset: {
				type: 'InitializeVariable',
				runAfter: {},
				inputs: {variables: [{name: 'pageOffset', type: 'integer', value: 0}]},
			},
			Initialize_rows_in_last_page: {
				type: 'InitializeVariable',
				runAfter: {Initialize_page_offset: ['Succeeded']},
				inputs: {variables: [{name: 'rowsInLastPage', type: 'integer', value: PAGE_SIZE}]},
			},
			Until_all_stock_pages_read: {
				type: 'Until',
				runAfter: {Initialize_rows_in_last_page: ['Succeeded']},
				expression: `@less(variables('rowsInLastPage'), ${PAGE_SIZE})`,
				limit: {count: 100, timeout: 'PT1H'},
				actions: {
					Get_stock_levels_from_DB2: {
						type: 'ApiConnection',
						runAfter: {},
						inputs: {
							host: host('db2'),
							method: 'get',
							path: "/datasets/default/tables/@{encodeURIComponent(encodeURIComponent('CONTOSO.STOCK_LEVELS'))}/items",
							queries: {
								$filter: "WAREHOUSE_ID eq '@{parameters('warehouseId')}'",
								$orderby: 'ITEM_NO',
								$top: PAGE_SIZE,
								$skip: "@variables('pageOffset')",
							},
						},
					},
					For_each_stock_row: {
						type: 'Foreach',
						runAfter: {Get_stock_levels_from_DB2: ['Succeeded']},
						foreach: "@body('Get_stock_levels_from_DB2')?['value']",
						actions: {
							Get_existing_stock_entity: {
								type: 'ApiConnection',
								runAfter: {},
								inputs: {
									host: host('azuretables'),
									method: 'get',
									path: `${TABLES_ACCOUNT}/tables/@{encodeURIComponent('StockLevels')}/entities`,
									queries: {
										$filter:
											"PartitionKey eq '@{parameters('warehouseId')}' and RowKey eq '@{items('For_each_stock_row')?['ITEM_NO']}'",
										$select: 'OnHand,Reserved',
									},
								},
							},
							Has_stock_changed: {
								type: 'If',
								runAfter: {Get_existing_stock_entity: ['Succeeded']},
								expression: {
									or: [
										{equals: ["@length(body('Get_existing_stock_entity')?['value'])", 0]},
										{
											not: {
												equals: [
													"@first(body('Get_existing_stock_entity')?['value'])?['OnHand']",
													"@items('For_each_stock_row')?['ON_HAND']",
												],
											},
										},
									],
								},
								actions: {
									Upsert_stock_entity: {
										type: 'ApiConnection',
										runAfter: {},
										inputs: {
											host: host('azuretables'),
											method: 'patch',
											path: `${TABLES_ACCOUNT}/tables/@{encodeURIComponent('StockLevels')}/entities(PartitionKey='@{encodeURIComponent(parameters('warehouseId'))}',RowKey='@{encodeURIComponent(items('For_each_stock_row')?['ITEM_NO'])}')`,
											body: {
												OnHand: "@items('For_each_stock_row')?['ON_HAND']",
												Reserved: "@items('For_each_stock_row')?['RESERVED']",
												LastSyncedUtc: '@{utcNow()}',
											},
										},
									},
								},
								else: {actions: {}},
							},
						},
					},
					Set_rows_in_last_page: {
						type: 'SetVariable',
						runAfter: {For_each_stock_row: ['Succeeded']},
						inputs: {name: 'rowsInLastPage', value: "@length(body('Get_stock_levels_from_DB2')?['value'])"},
					},
					Increment_page_offset: {
						type: 'IncrementVariable',
						runAfter: {Set_rows_in_last_page: ['Succeeded']},
						inputs: {name: 'pageOffset', value: PAGE_SIZE},
					},
				},
			},
		},
	}),
});
