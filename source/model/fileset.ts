/**
 * A file's contents: text, UTF-8 bytes, or a streamed document. The documents that grow with the estate (report.md,
 * report.json, cutover.md: tens of MB at thousands of workflows) are streamed: never held whole, they are generated
 * a chunk at a time as they are written, so a large estate's preview and write do not carry them in memory.
 */
export type FileContent = string | Uint8Array | StreamedContent;

/**
 * A document generated as it is written: `write` hands its UTF-8 bytes to `sink` a chunk at a time, synchronously,
 * and gives the same bytes every time it is called (it is a pure function of what the plan decided).
 */
export interface StreamedContent {
	readonly kind: 'streamed';
	write(sink: (chunk: Uint8Array) => void): void;
}

/** Relative POSIX path → file contents. The only product of generate(); write() puts it on disk. */
export type FileSet = Map<string, FileContent>;

export function isStreamed(content: FileContent): content is StreamedContent {
	return typeof content === 'object' && 'kind' in content && content.kind === 'streamed';
}

const utf8 = new TextDecoder();

/** The contents as text, whichever way they are held (a streamed document is generated whole: for tests and checks). */
export function fileText(content: FileContent): string;
export function fileText(content: FileContent | undefined): string | undefined;
export function fileText(content: FileContent | undefined): string | undefined {
	if (content === undefined || typeof content === 'string') return content;
	if (!isStreamed(content)) return utf8.decode(content);
	let text = '';
	const decoder = new TextDecoder();
	content.write((chunk) => (text += decoder.decode(chunk, {stream: true})));
	return text + decoder.decode();
}
