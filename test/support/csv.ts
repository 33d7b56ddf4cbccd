/**
 * A small RFC 4180 reader for the tests of the exports: quoted fields (with "" for a quote and line
 * breaks inside), CRLF or LF between records. It refuses what RFC 4180 forbids (a quote inside an
 * unquoted field, text after a closing quote), so a malformed export fails its test.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  let closed = false;
  const endField = () => {
    record.push(field);
    field = "";
    quoted = false;
    closed = false;
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted && !closed) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') closed = true;
      else field += c;
      i += 1;
      continue;
    }
    if (c === ",") {
      endField();
      i += 1;
    } else if (c === "\r" || c === "\n") {
      endField();
      records.push(record);
      record = [];
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else if (closed) {
      throw new Error(`CSV: text after a closing quote at ${i}`);
    } else if (c === '"') {
      if (field !== "") throw new Error(`CSV: a quote inside an unquoted field at ${i}`);
      quoted = true;
      i += 1;
    } else {
      field += c;
      i += 1;
    }
  }
  if (quoted && !closed) throw new Error("CSV: an unterminated quoted field");
  if (field !== "" || record.length > 0) {
    endField();
    records.push(record);
  }
  return records;
}
