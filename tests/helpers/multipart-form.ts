/** One part of a multipart/form-data body: a field's text, or a file's bytes. */
export interface FormPart {
  name: string;
  filename?: string;
  data: Buffer;
}

/**
 * Reads a multipart/form-data body (RFC 7578) as the Bot API receives one when
 * a file is uploaded: binary-safe, so a PNG comes back byte for byte.
 */
export function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new Error(`no boundary in ${contentType}`);
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const from = start + delimiter.length;
    const end = body.indexOf(delimiter, from);
    if (end < 0) break;
    // Each part: CRLF, headers, a blank line, the data, CRLF before the next delimiter.
    const part = body.subarray(from + 2, end - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const name = /name="?([^";\r\n]+)"?/i.exec(headers)?.[1] ?? '';
      const filename = /filename="?([^";\r\n]+)"?/i.exec(headers)?.[1];
      parts.push({ name, ...(filename ? { filename } : {}), data: part.subarray(headerEnd + 4) });
    }
    start = end;
  }
  return parts;
}
