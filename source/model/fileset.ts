/**
 * A file's contents: text, or UTF-8 bytes. The documents that grow with the estate (report.md, report.json,
 * cutover.md: tens of MB at thousands of workflows) are built as bytes, a chunk at a time; held as one string they
 * took twice their size, because V8 keeps text with any character past Latin-1 ("→", "—") at two bytes a character.
 */
export type FileContent = string | Uint8Array;

/** Relative POSIX path → file contents. The only product of generate(); write() puts it on disk. */
export type FileSet = Map<string, FileContent>;

const utf8 = new TextDecoder();

/** The contents as text, whichever way they are held. */
export function fileText(content: FileContent): string;
export function fileText(content: FileContent | undefined): string | undefined;
export function fileText(content: FileContent | undefined): string | undefined {
	return content === undefined || typeof content === 'string' ? content : utf8.decode(content);
}
