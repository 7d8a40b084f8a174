// Reads the public Consumption fixtures (ARM templates and gallery templates) into Workflow objects with the
// product's own template reader (classifyDocument + buildInventory), so the catalog tests see the workflows and
// connections a user who loads the file with a parameters file gets.
import fs from 'node:fs';
import path from 'node:path';
import type {Workflow} from '../../../source/model/index.js';
import {buildInventory, type LoadedDocument} from '../../../source/sources/templates/build.js';
import {classifyDocument} from '../../../source/sources/templates/classify.js';
import {parseJsonDocument} from '../../../source/sources/json.js';
import {corpusEntries, corpusPath} from '../../helpers/corpus.js';

/** In the shared corpus: only corpus tests read these. */
export const FIXTURES = corpusPath('fixtures', 'public', 'consumption');

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function documentOf(file: string): LoadedDocument {
	const parsed = parseJsonDocument(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
	if (!parsed.ok) throw new Error(`${file}: ${parsed.reason}`);
	const c = classifyDocument(parsed.value, file);
	if (c.kind === 'other' || c.kind === 'snapshot' || c.kind === 'parameters') throw new Error(`${file} is not a template the product reads (${c.kind}: ${c.reason ?? ''})`);
	const doc: LoadedDocument = {file, kind: c.kind, json: parsed.value};
	if (c.kind === 'resources') doc.resources = c.resources;
	if (c.kind === 'template' || c.kind === 'rg-export') doc.parameters = {file: `${file} (test values)`, json: testParameters(parameters(parsed.value))};
	return doc;
}

function parameters(template: unknown): Obj {
	return isObj(template) && isObj(template.parameters) ? template.parameters : {};
}

/**
 * The parameters file a user would deploy with. The fixtures come without one, and the product (rightly) keeps a
 * definition's expression verbatim when a parameter it needs has no value, which hides e.g. the sql-proc
 * template's procedure path from the catalog. Each plain string parameter without a default gets its own name;
 * location parameters are left to the product's placeholder, secure ones are never read anyway.
 */
function testParameters(declared: Obj): Obj {
	const values: Obj = {};
	for (const [name, decl] of Object.entries(declared)) {
		if (!isObj(decl) || 'defaultValue' in decl || String(decl.type).toLowerCase() !== 'string' || /location$/i.test(name)) continue;
		values[name] = {value: name};
	}
	return {parameters: values};
}

function workflowsIn(doc: LoadedDocument): Workflow[] {
	return buildInventory([doc], {label: doc.file, name: path.basename(doc.file, '.json')}).inventory.workflows;
}


/** Every workflow definition in one fixture file, in the order the file declares them. */
export function workflowsOf(file: string): Workflow[] {
	return workflowsIn(documentOf(file));
}

export function fixtureFiles(): string[] {
	return corpusEntries('fixtures', 'public', 'consumption').filter((f) => f.endsWith('.json')).sort();
}
