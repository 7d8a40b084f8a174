import {describe, expect, it, vi} from 'vitest';
import {Select} from '../../source/ui/select.js';
import {KEY, render} from '../helpers/ink.js';

const items = ['first', 'second', 'third', 'fourth'].map((label) => ({label, value: label}));

describe('Select', () => {
	it('chooses the right item when Down and Enter arrive in ONE chunk', async () => {
		const onSelect = vi.fn();
		const r = await render(<Select items={items} onSelect={onSelect} />);
		await r.press(KEY.down + KEY.enter);
		expect(onSelect).toHaveBeenCalledTimes(1);
		expect(onSelect.mock.calls[0]![0].value).toBe('second');
		await r.unmount();
	});

	it('handles several moves in one chunk (a paste or tmux send-keys)', async () => {
		const onSelect = vi.fn();
		const r = await render(<Select items={items} onSelect={onSelect} />);
		await r.press(KEY.down + KEY.down + KEY.down + KEY.up + KEY.enter);
		expect(onSelect.mock.calls[0]![0].value).toBe('third');
		await r.unmount();
	});

	it('starts on initialIndex, scrolls within its limit, and picks by number', async () => {
		const onSelect = vi.fn();
		const r = await render(<Select items={items} initialIndex={3} limit={2} onSelect={onSelect} />);
		expect(r.frame()).toContain('fourth');
		expect(r.frame()).not.toContain('first');
		expect(r.frame()).toMatch(/2 more/);
		await r.press('1');
		expect(onSelect.mock.calls[0]![0].value).toBe('first');
		await r.unmount();
	});
});
