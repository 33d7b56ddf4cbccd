/**
 * The web form's encoding (pure): field names "submitter.x" and "fields.y" in a urlencoded body,
 * uploaded keys riding along in the query when storage sends the browser back.
 */
import type { FormField } from "../plan/schema";
import { isUploadKeyOf } from "../submission/attachments";
import type { FormValues } from "./pages";

/** The posted form → the body the submission schema reads. */
export function bodyFromForm(params: URLSearchParams, form: readonly FormField[]) {
  const fields: Record<string, unknown> = {};
  for (const f of form) {
    const name = `fields.${f.id}`;
    if (f.type === "file") fields[f.id] = params.getAll(name).filter((v) => v !== "");
    else if (f.type === "checkbox") fields[f.id] = params.has(name);
    else if (params.has(name)) fields[f.id] = params.get(name);
  }
  const submitter: Record<string, string> = {};
  for (const k of ["name", "phone", "email"]) {
    const v = params.get(`submitter.${k}`);
    if (v !== null) submitter[k] = v;
  }
  return { submitter, fields };
}

/** The posted form as typed, to show it again with its errors (a repeated name keeps every value). */
export function valuesFromForm(params: URLSearchParams): FormValues {
  const values: FormValues = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    values[key] = all.length > 1 ? all : all[0];
  }
  return values;
}

const fileFields = (form: readonly FormField[]) => form.filter((f) => f.type === "file");

/**
 * Uploaded keys that came back from storage (?tep=…&key=…), per file field: only well-formed keys
 * of the unit's own uploads (no `..`, backslash or control character), as anyone can edit a query.
 */
export function uploadedKeys(rawQuery: string, instanceId: string, form: readonly FormField[]): FormValues {
  const query = new URLSearchParams(rawQuery);
  const keys = [...query.getAll("tep"), ...query.getAll("key")];
  const values: FormValues = {};
  for (const f of fileFields(form)) {
    values[`fields.${f.id}`] = [...new Set(keys.filter((k) => isUploadKeyOf(instanceId, f.id, k)))];
  }
  return values;
}

/**
 * The names of the values carried through an upload's return address: the report's own fields,
 * not the submitter's name, phone or email — personal data stays out of URLs, which servers log.
 */
function typedNames(form: readonly FormField[]): string[] {
  return form.filter((f) => f.type !== "file").map((f) => `fields.${f.id}`);
}

/**
 * What the unit had typed when it went to upload a file, back from the query (see uploadReturnUrl):
 * only the form's own names, one value each; they are shown again, never trusted (the POST is checked).
 */
export function typedFromQuery(rawQuery: string, form: readonly FormField[]): FormValues {
  const query = new URLSearchParams(rawQuery);
  const values: FormValues = {};
  for (const name of typedNames(form)) {
    const v = query.get(name);
    if (v !== null && v !== "") values[name] = v;
  }
  return values;
}

/** Beyond this, a return address carries only the uploaded keys (some servers refuse longer URLs). */
export const MAX_RETURN_URL = 4000;

/** The keys uploaded so far for one file field. */
export function uploadedFor(values: FormValues, fieldId: string): string[] {
  const current = values[`fields.${fieldId}`];
  return Array.isArray(current) ? current : current ? [current] : [];
}

/**
 * Where storage sends the browser back after an upload: the form, with every key uploaded so far
 * and, while the address stays short, what the unit has typed (known here when the form comes back
 * with its errors, or from an earlier return), so an upload does not empty the form.
 */
export function uploadReturnUrl(
  formUrl: string,
  instanceId: string,
  form: readonly FormField[],
  values: FormValues,
): string {
  const back = new URL(formUrl);
  for (const g of fileFields(form))
    for (const key of uploadedFor(values, g.id))
      if (isUploadKeyOf(instanceId, g.id, key)) back.searchParams.append("tep", key);
  const keysOnly = back.toString();
  for (const name of typedNames(form)) {
    const v = values[name];
    const text = Array.isArray(v) ? v[0] : v;
    if (text) back.searchParams.set(name, text);
  }
  const full = back.toString();
  return full.length <= MAX_RETURN_URL ? full : keysOnly;
}
