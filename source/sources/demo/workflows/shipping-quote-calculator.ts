// The web shop's checkout asks for a shipping price. Pure computation on the request: no connector,
// no loop, no waiting, answered in milliseconds.
import {definition, workflow} from '../shared.js';

export const shippingQuoteCalculator = workflow({
	name: 'shipping-quote-calculator',
	connections: [],
	definition: definition({
		triggers: {
			manual: {
				type: 'Request',
				kind: 'Http',
				inputs: {
					method: 'POST',
					schema: {
						type: 'object',
						properties: {
							destinationCountry: {type: 'string'},
							weightKg: {type: 'number'},
							service: {type: 'string'},
						},
						required: ['destinationCountry', 'weightKg'],
					},
				},
			},
		},
		actions: {
			Select_zone: {
				type: 'Compose',
				runAfter: {},
				inputs:
					"@if(contains(createArray('NL','BE','LU'), toUpper(triggerBody()?['destinationCountry'])), 'BENELUX', if(contains(createArray('DE','FR','AT','DK'), toUpper(triggerBody()?['destinationCountry'])), 'EU-NEAR', 'EU-FAR'))",
			},
			Compute_price: {
				type: 'Compose',
				runAfter: {Select_zone: ['Succeeded']},
				inputs:
					"@mul(add(if(equals(outputs('Select_zone'), 'BENELUX'), 4.95, if(equals(outputs('Select_zone'), 'EU-NEAR'), 7.5, 12.9)), mul(0.85, float(triggerBody()?['weightKg']))), if(equals(toUpper(coalesce(triggerBody()?['service'], 'STANDARD')), 'EXPRESS'), 1.8, 1))",
			},
			Return_quote: {
				type: 'Response',
				kind: 'Http',
				runAfter: {Compute_price: ['Succeeded']},
				inputs: {
					statusCode: 200,
					headers: {'Content-Type': 'application/json'},
					body: {
						zone: "@outputs('Select_zone')",
						currency: 'EUR',
						price: "@outputs('Compute_price')",
						validUntil: '@{addHours(utcNow(), 24)}',
					},
				},
			},
		},
	}),
});
