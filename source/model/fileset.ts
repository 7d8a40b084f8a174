/** Relative POSIX path → file contents. The only product of generate(); write() puts it on disk. */
export type FileSet = Map<string, string>;
