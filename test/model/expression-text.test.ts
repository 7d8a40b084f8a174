// Workflow definition strings split and written back the way the runtime reads them.
import {describe, expect, it} from 'vitest';
import {isNameLiteral, joinCode, literalsOf, renderSegments, segmentsOf} from '../../source/model/expression-text.js';

describe('segmentsOf() and renderSegments()', () => {
	it('round-trips literal text, whole expressions, interpolations and escapes', () => {
		for (const s of ['plain', "@concat('a', 'b')", "Bearer @{body('X')?['t']}", "@{parameters('p')}", '@@not an expression', 'a @@{x} b', "x @{'}'} y"]) {
			expect(renderSegments(segmentsOf(s)!), s).toBe(s);
		}
		expect(segmentsOf("a @{concat('}', 'b')} c")).toEqual([
			{kind: 'text', text: 'a '},
			{kind: 'code', code: "concat('}', 'b')", interpolated: true},
			{kind: 'text', text: ' c'},
		]);
		expect(segmentsOf('open @{never closed')).toBeUndefined();
	});

	it('finds literals in code and tells names from content', () => {
		const lits = literalsOf("concat(body('Get_x')?['it''s'], 'secret')")!;
		expect(lits.map((l) => [l.value, isNameLiteral(l)])).toEqual([
			['Get_x', true],
			["it's", true],
			['secret', false],
		]);
	});

	it('joins text and code into one expression', () => {
		expect(joinCode([{text: 'a'}, {code: 'x'}, {text: ''}])).toBe("concat('a', x)");
		expect(joinCode([{text: ''}, {code: 'x'}])).toBe('x');
		expect(joinCode([{text: "it's"}])).toBe("'it''s'");
	});
});
