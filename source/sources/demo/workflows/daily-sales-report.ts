// Every morning: yesterday's revenue per region from the sales warehouse, mailed to management as an
// HTML table with the CSV attached, and the CSV archived on the finance department's on-premises file share.
import {connection, definition, host, workflow} from '../shared.js';

export const dailySalesReport = workflow({
	name: 'daily-sales-report',
	connections: [connection('sql', 'sql-contoso-dwh'), connection('smtp', 'smtp-relay'), connection('filesystem', 'filesystem-finance')],
	parameters: {
		reportRecipients: {type: 'String', value: 'sales-leadership@contoso.com;finance-controlling@contoso.com'},
	},
	definition: definition({
		parameters: {
			reportRecipients: {type: 'String', defaultValue: 'sales-leadership@contoso.com'},
		},
		triggers: {
			Every_morning: {
				type: 'Recurrence',
				recurrence: {
					frequency: 'Day',
					interval: 1,
					schedule: {hours: ['6'], minutes: [15]},
					timeZone: 'W. Europe Standard Time',
				},
			},
		},
		actions: {
			Query_yesterdays_sales: {
				type: 'ApiConnection',
				runAfter: {},
				inputs: {
					host: host('sql'),
					method: 'post',
					path: "/v2/datasets/@{encodeURIComponent(encodeURIComponent('default'))},@{encodeURIComponent(encodeURIComponent('default'))}/query/sql",
					body: {
						query:
							'SELECT r.Region, COUNT(*) AS Orders, SUM(o.TotalAmount) AS Revenue ' +
							'FROM dbo.FactOrders o JOIN dbo.DimRegion r ON r.CountryCode = o.ShipToCountry ' +
							'WHERE o.OrderDate >= @from AND o.OrderDate < @to ' +
							'GROUP BY r.Region ORDER BY Revenue DESC',
						formalParameters: {from: 'DATETIME2', to: 'DATETIME2'},
						actualParameters: {
							from: '@{startOfDay(addDays(utcNow(), -1))}',
							to: '@{startOfDay(utcNow())}',
						},
					},
				},
			},
			Create_HTML_table: {
				type: 'Table',
				runAfter: {Query_yesterdays_sales: ['Succeeded']},
				inputs: {
					from: "@body('Query_yesterdays_sales')?['ResultSets']?['Table1']",
					format: 'HTML',
				},
			},
			Create_CSV_table: {
				type: 'Table',
				runAfter: {Query_yesterdays_sales: ['Succeeded']},
				inputs: {
					from: "@body('Query_yesterdays_sales')?['ResultSets']?['Table1']",
					format: 'CSV',
				},
			},
			Archive_CSV_on_finance_share: {
				type: 'ApiConnection',
				runAfter: {Create_CSV_table: ['Succeeded']},
				inputs: {
					host: host('filesystem'),
					method: 'post',
					path: '/datasets/default/files',
					queries: {
						folderPath: 'sales-reports',
						name: "sales-@{formatDateTime(addDays(utcNow(), -1), 'yyyy-MM-dd')}.csv",
						queryParametersSingleEncoded: true,
					},
					body: "@body('Create_CSV_table')",
				},
			},
			Email_sales_report: {
				type: 'ApiConnection',
				runAfter: {Create_HTML_table: ['Succeeded'], Create_CSV_table: ['Succeeded']},
				inputs: {
					host: host('smtp'),
					method: 'post',
					path: '/SendEmailV3',
					body: {
						From: 'reports@contoso.com',
						To: "@parameters('reportRecipients')",
						Subject: "Sales by region for @{formatDateTime(addDays(utcNow(), -1), 'dddd d MMMM yyyy')}",
						Body: "<p>Good morning,</p><p>Yesterday's orders by region:</p>@{body('Create_HTML_table')}",
						Importance: 'Normal',
						Attachments: [
							{
								ContentData: "@{base64(body('Create_CSV_table'))}",
								ContentType: 'text/csv',
								FileName: "sales-@{formatDateTime(addDays(utcNow(), -1), 'yyyy-MM-dd')}.csv",
							},
						],
					},
				},
			},
		},
	}),
});
