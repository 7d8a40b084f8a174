// The layers the readme draws, checked on the imports themselves: the pure core and the application layer never
// reach for Ink, React, an Azure SDK, the store or the disk, and the core never imports the layers above it or
// the outside world. A new import that breaks this fails here, not in a review.
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const SOURCE = path.join(path.dirname(new URL(import.meta.url).pathname), '../../source');

/**
 * Every module a file loads (static `import … from`, `export … from`, and dynamic `import()`). `import type` is
 * left out: it is erased when compiled, so it loads nothing (the wizard's state may name an SDK's result type).
 */
function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	return [...text.matchAll(/(?:^|\n)\s*(import|export)(\s+type\b)?[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)]
		.filter((m) => !m[2])
		.map((m) => (m[3] ?? m[4])!);
}

/** Every relative module a file names, type-only imports included: what a reader must open to understand it. */
function namedFiles(file: string): string[] {
	const text = readFileSync(path.join(SOURCE, file), 'utf8');
	return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g)].map((m) => {
		const resolved = path.relative(SOURCE, path.resolve(SOURCE, path.dirname(file), (m[1] ?? m[2])!));
		return resolved.replace(/\.js$/, sourceExtension(resolved));
	});
}

/** `x.js` in an import is `x.ts` or `x.tsx` on disk. */
function sourceExtension(resolved: string): string {
	const base = path.join(SOURCE, resolved.replace(/\.js$/, ''));
	try {
		readFileSync(`${base}.tsx`);
		return '.tsx';
	} catch {
		return '.ts';
	}
}

/** Files that import each other in a loop (Tarjan's strongly connected components of more than one file). */
function circles(files: readonly string[]): string[][] {
	const edges = new Map(files.map((f) => [f, namedFiles(f).filter((t) => t !== f)]));
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const found: string[][] = [];
	let next = 0;
	const visit = (v: string) => {
		index.set(v, next);
		low.set(v, next++);
		stack.push(v);
		onStack.add(v);
		for (const w of edges.get(v) ?? []) {
			if (!edges.has(w)) continue;
			if (!index.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
		}
		if (low.get(v) === index.get(v)) {
			const component: string[] = [];
			let w: string;
			do {
				w = stack.pop()!;
				onStack.delete(w);
				component.push(w);
			} while (w !== v);
			if (component.length > 1) found.push(component.sort());
		}
	};
	for (const f of files) if (!index.has(f)) visit(f);
	return found;
}

function filesOf(dir: string): string[] {
	return readdirSync(path.join(SOURCE, dir), {recursive: true, encoding: 'utf8'})
		.filter((f) => /\.tsx?$/.test(f))
		.map((f) => path.join(dir, f));
}

/** `from` resolved to the top folder of source/ it lands in ('model', 'sources', …), or the package name. */
function target(file: string, spec: string): string {
	if (!spec.startsWith('.')) return spec.startsWith('node:') ? spec : spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
	const resolved = path.relative(SOURCE, path.resolve(SOURCE, path.dirname(file), spec));
	return resolved.split(path.sep)[0]!.replace(/\.js$/, '');
}

/** Like `violations`, with type-only imports counted: a type names the layer it comes from as surely as a value. */
const namedAcross = (dirs: readonly string[], allowed: (to: string) => boolean) =>
	dirs.flatMap(filesOf).flatMap((file) => namedFiles(file).map((to) => ({file, to: to.split(path.sep)[0]!.replace(/\.tsx?$/, '')})).filter(({to}) => !allowed(to)));

const violations = (dirs: readonly string[], allowed: (file: string, to: string) => boolean) =>
	dirs.flatMap(filesOf).flatMap((file) => importsOf(path.join(SOURCE, file)).map((spec) => ({file, to: target(file, spec)})).filter(({file, to}) => !allowed(file, to)));

const CORE = ['model', 'analysis', 'generate'];
// The only code of the core that touches the disk: the project writer (and the atomic file writer and folder lock it uses).
const DISK_WRITER = new Set([path.join('generate', 'write.ts')]);

describe('layers', () => {
	it('the pure core imports only itself and plain Node (the project writer alone touches the disk)', () => {
		const found = violations(CORE, (file, to) => {
			if (CORE.includes(to)) return true;
			if (to === 'node:fs' || to === 'node:fs/promises' || to === 'atomic-file' || to === 'folder-lock') return DISK_WRITER.has(file);
			return to === 'node:path' || to === 'node:crypto' || to === 'node:util';
		});
		expect(found).toEqual([]);
	});

	it('the application layer and the wizard state are free of Ink, React, Azure SDKs, the store and the disk', () => {
		const outside = /^(ink|react|@azure\/|conf$|node:fs|node:child_process|screens|ui|commands|cli|app|app-services|azure|store|services|runner|atomic-file|folder-lock)$|^(@azure\/|node:fs)/;
		const found = violations(['migration', 'wizard'], (_file, to) => !outside.test(to));
		expect(found).toEqual([]);
	});

	it('each layer names only the layers below it, types included (the model is the floor)', () => {
		expect(namedAcross(['model'], (to) => to === 'model')).toEqual([]);
		expect(namedAcross(['analysis'], (to) => to === 'model' || to === 'analysis')).toEqual([]);
		expect(namedAcross(['migration'], (to) => !['wizard', 'screens', 'ui', 'app', 'runner', 'commands', 'cli'].includes(to))).toEqual([]);
		expect(namedAcross(['commands'], (to) => !['cli', 'app', 'runner', 'screens', 'ui'].includes(to))).toEqual([]);
	});

	it('no files import each other in a loop', () => {
		const all = readdirSync(SOURCE, {recursive: true, encoding: 'utf8'}).filter((f) => /\.tsx?$/.test(f));
		expect(circles(all)).toEqual([]);
	});
});
