/**
 * `npm run -s plan:import -- <file.docx|file.pdf|file.txt> [--out plans/x.yaml]`: read a plan
 * document into a draft plan file, print a Vietnamese summary and the items to review.
 */
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { stringify } from "yaml";
import { isDated } from "../shared/calendar/rules";
import { type Block, DOCUMENT_TYPES, documentType, extractDocument } from "../shared/plan/intake/document";
import { readPlan } from "../shared/plan/intake/read";
import { PlanFile } from "../shared/plan/schema";

const args = process.argv.slice(2).filter((a) => a !== "--");
const outAt = args.indexOf("--out");
const out = outAt >= 0 ? args[outAt + 1] : undefined;
const file = args.find((a, i) => !a.startsWith("--") && (outAt < 0 || i !== outAt + 1));
if (!file) {
  console.error("Cách dùng: npm run -s plan:import -- ke-hoach.docx [--out plans/ke-hoach.yaml]");
  process.exit(2);
}
const refuse = (message: string, code: number): never => {
  console.error(`✗ ${message}`);
  process.exit(code);
};
if (!existsSync(file)) refuse(`Không tìm thấy tệp ${file}.`, 2);
if (!documentType(file))
  refuse(`Không đọc được loại tệp này (${basename(file)}): chỉ nhận ${DOCUMENT_TYPES.join(", ")}.`, 2);
// Pages are reported as they are read (only a PDF has pages): in place on a terminal, once at the end in a log.
let pages = 0;
let blocks: Block[] = [];
try {
  ({ blocks } = await extractDocument(file, (done, total) => {
    pages = total;
    if (process.stderr.isTTY) process.stderr.write(`\r  đọc trang ${done}/${total}`);
  }));
} catch {
  refuse(
    `Không mở được tệp ${file}: tệp có thể bị hỏng, có mật khẩu, hoặc không đúng loại theo đuôi tên.`,
    1,
  );
}
if (pages > 0) process.stderr.write(`${process.stderr.isTTY ? "\r" : ""}  đã đọc ${pages}/${pages} trang\n`);
const draft = readPlan(blocks, { source: basename(file), importedAt: new Date().toISOString() });
if ((draft.obligations ?? []).length === 0 && (draft.targets ?? []).length === 0)
  refuse(
    `Không đọc được nhiệm vụ hay chỉ tiêu nào từ ${file}. Nếu là bản PDF chụp (ảnh), hãy dùng bản Word hoặc PDF có chữ.`,
    1,
  );
const checked = PlanFile.safeParse(draft);
const yaml = `# yaml-language-server: $schema=./plan.schema.json\n# BẢN NHÁP do máy đọc từ ${basename(file)}: rà soát mục draft.review trước khi dùng.\n${stringify(draft, { lineWidth: 0 })}`;
// Never a file plan:check refuses: a draft that does not pass is reported, not written.
if (checked.success) {
  if (out) await writeFile(out, yaml);
  else process.stdout.write(yaml);
}
const review = draft.draft?.review ?? [];
const dated = checked.success ? checked.data.obligations.filter((o) => isDated(o.schedule)).length : 0;
console.error(
  `${checked.success ? "✓" : "✗"} ${file}: ${draft.units.length} đơn vị, ${draft.groups?.length ?? 0} nhóm, ${draft.obligations?.length ?? 0} nhiệm vụ (${dated} có thời hạn), ${draft.targets?.length ?? 0} chỉ tiêu; ${review.length} mục cần rà soát${out && checked.success ? ` → ${out}` : ""}`,
);
for (const r of review.slice(0, 15)) console.error(`  ? ${r.where}: ${r.what} — ${r.why}`);
if (review.length > 15) console.error(`  … và ${review.length - 15} mục khác (xem draft.review)`);
if (!checked.success) {
  for (const i of checked.error.issues.slice(0, 10)) console.error(`  ✗ ${i.path.join(".")}: ${i.message}`);
  console.error("  Chưa ghi tệp nào: bản nháp này plan:check chưa nhận.");
  process.exit(1);
}
