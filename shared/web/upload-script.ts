/**
 * The web form's one script, a progressive enhancement of step 1 (pages.ts uploadSection): with
 * JavaScript, a file is uploaded the moment it is chosen, straight to storage, with its progress
 * shown, while the clerk fills the report; the report then goes in one step. Without JavaScript
 * (or in a browser too old for it) nothing changes: the step-1 forms post to storage and come back.
 *
 * How an upload reaches the submission is the two-step path's own: the report form carries one
 * hidden `fields.<field>` input per uploaded key, which bodyFromForm reads. The script asks the
 * JSON API (POST /api/links/{token}/uploads, same origin) for a presigned POST naming the file,
 * sends the file with XMLHttpRequest (upload progress; storage answers 201, no redirect), then adds
 * that hidden input. On any failure it says why in Vietnamese and shows step 1's own "Tải tệp lên"
 * button again, so the no-JavaScript path stays at hand with the file still chosen.
 *
 * Served inline and allowed by its hash (UPLOAD_SCRIPT_HASH in the page's script-src): no route,
 * no nonce to thread through, and a page with no uploads carries neither the script nor the hash.
 * Plain browser JavaScript (ES2017), no framework, no build step.
 */
import { createHash } from "node:crypto";

/** The markup the script hooks onto (pages.ts renders it; the browser test reads it). */
export const UPLOAD_HOOKS = {
  /** On step 1's section: the API address to ask for presigned POSTs. */
  api: "data-uploads-api",
  /** On step 1's section: the largest file storage accepts, in bytes. */
  maxBytes: "data-max-bytes",
  /** On each step-1 file input: the file field it uploads for. */
  field: "data-field",
  /** On a file field's hint in the report form: the files named there on load, as JSON. */
  files: "data-files",
  /** The report form's id. */
  report: "nop-bao-cao",
} as const;

export const UPLOAD_SCRIPT = `(() => {
  "use strict";
  const section = document.querySelector("[${UPLOAD_HOOKS.api}]");
  const report = document.getElementById("${UPLOAD_HOOKS.report}");
  if (!section || !report || !window.XMLHttpRequest || !window.FormData || !window.JSON) return;
  const api = section.getAttribute("${UPLOAD_HOOKS.api}");
  const maxBytes = Number(section.getAttribute("${UPLOAD_HOOKS.maxBytes}")) || Infinity;
  let pending = 0;
  let waiting = false;
  let failedWhileWaiting = false;

  const el = (tag, attrs, text) => {
    const e = document.createElement(tag);
    for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  };
  // As shared/web/form-view.ts fileSize says it: "512 byte", "1,5 KB", "2,3 MB".
  const fmt = (n) => n.toLocaleString("vi-VN", { maximumFractionDigits: 1 });
  const size = (b) => (b < 1024 ? b + " byte" : b < 1048576 ? fmt(b / 1024) + " KB" : fmt(b / 1048576) + " MB");
  const mb = (b) => fmt(b / 1048576) + " MB";

  const hint = section.querySelector("p.hint");
  if (hint)
    hint.textContent =
      "Chọn tệp là tệp được tải lên ngay; trong lúc chờ, hãy điền báo cáo ở Bước 2. Tối đa " +
      mb(maxBytes) + " mỗi tệp; nhận PDF, Word, Excel, OpenDocument, ảnh JPEG/PNG.";

  // The report form's line under its submit button, for "wait, the upload is still running".
  const submitButton = report.querySelector("button[type=submit]");
  const waitNote = el("p", { class: "hint js-wait", role: "status" });
  if (submitButton) submitButton.insertAdjacentElement("afterend", waitNote);

  const settle = () => {
    if (pending > 0 || !waiting) return;
    waiting = false;
    if (failedWhileWaiting) {
      waitNote.textContent =
        "Chưa nộp: có tệp chưa tải lên được. Hãy xem thông báo ở Bước 1, chọn lại tệp rồi bấm nộp lần nữa.";
      return;
    }
    waitNote.textContent = "Đã tải xong tệp; đang nộp báo cáo…";
    if (report.requestSubmit) report.requestSubmit();
    else report.submit();
  };

  report.addEventListener("submit", (event) => {
    if (pending === 0) return;
    // Never sent without a file still on its way: held, and sent by itself once every upload ends.
    event.preventDefault();
    waiting = true;
    failedWhileWaiting = false;
    waitNote.textContent = "Đang tải tệp lên: báo cáo sẽ được nộp ngay khi tải xong, xin đừng đóng trang.";
  });

  for (const input of section.querySelectorAll("input[type=file][${UPLOAD_HOOKS.field}]")) enhance(input);

  function enhance(input) {
    const field = input.getAttribute("${UPLOAD_HOOKS.field}");
    const form = input.form;
    const nativeButton = form && form.querySelector("button[type=submit]");
    const reportHint = document.getElementById("fields-" + field + "-hint");
    if (!form || !nativeButton) return;
    let named = [];
    try {
      named = JSON.parse((reportHint && reportHint.getAttribute("${UPLOAD_HOOKS.files}")) || "[]");
    } catch (_) {}
    const rows = el("div", { class: "js-uploads" });
    input.insertAdjacentElement("afterend", rows);
    nativeButton.hidden = true;
    let fallback = false;
    let replacing = null;
    const uploads = [];

    const refreshReportHint = () => {
      if (!reportHint) return;
      const texts = named.concat(uploads.filter((u) => u.done).map((u) => u.name));
      if (texts.length > 0) reportHint.textContent = "Đã tải lên: " + texts.join("; ") + ".";
    };

    input.addEventListener("change", () => {
      const file = input.files && input.files[0];
      if (file) start(file);
    });
    form.addEventListener("submit", (event) => {
      if (fallback) return; // the no-JavaScript path, chosen after a failure
      event.preventDefault();
      const file = input.files && input.files[0];
      if (file) start(file);
    });

    function start(file) {
      const target = replacing;
      replacing = null;
      const row = target || newRow();
      row.file = file;
      send(row);
    }

    function newRow() {
      const box = el("div", { class: "js-upload", "aria-live": "polite" });
      const line = el("p", { class: "js-text" });
      const bar = el("progress", { max: "100", value: "0" });
      const again = el("button", { type: "button", class: "secondary" });
      box.append(line, bar, again);
      rows.append(box);
      // done/name/hidden: the file this row last uploaded, kept until a replacement is uploaded.
      const row = { box, line, bar, again, file: null, done: false, name: "", hidden: null, failed: false };
      again.addEventListener("click", () => {
        if (row.failed) return send(row);
        replacing = row;
        input.value = "";
        input.click();
      });
      uploads.push(row);
      return row;
    }

    function show(row, state, message) {
      row.box.className = "js-upload " + state;
      row.line.textContent = message;
      row.bar.hidden = state !== "sending";
      row.again.hidden = state === "sending";
    }

    function send(row) {
      const file = row.file;
      row.failed = false;
      if (file.size === 0) return fail(row, "tệp không có nội dung; hãy chọn tệp khác.", false);
      if (file.size > maxBytes)
        return fail(row, "tệp lớn hơn " + mb(maxBytes) + "; hãy chọn tệp nhỏ hơn.", false);
      pending++;
      row.bar.value = 0;
      row.bar.setAttribute("aria-label", "Tiến độ tải lên " + file.name);
      show(row, "sending", "Đang tải lên " + file.name + "… 0 %");
      const ask = new XMLHttpRequest();
      ask.open("POST", api);
      ask.setRequestHeader("content-type", "application/json");
      ask.responseType = "json";
      ask.onerror = () => failed(row, "mất kết nối tới máy chủ; hãy kiểm tra mạng rồi thử lại.");
      ask.onload = () => {
        const body = ask.response || {};
        if (ask.status !== 201 || !body.url || !body.fields || !body.key) {
          const said = body.error && body.error.message;
          return failed(row, said || "máy chủ không nhận yêu cầu tải lên (mã " + ask.status + ").");
        }
        upload(row, body);
      };
      ask.send(JSON.stringify({ field: field, fileName: file.name }));
    }

    function upload(row, presigned) {
      const file = row.file;
      const data = new FormData();
      for (const name in presigned.fields) data.append(name, presigned.fields[name]);
      data.append("file", file); // last: storage ignores every field after the file
      const put = new XMLHttpRequest();
      put.open("POST", presigned.url);
      let shown = -1;
      put.upload.onprogress = (e) => {
        if (!e.lengthComputable) return;
        const percent = Math.floor((e.loaded / e.total) * 100);
        row.bar.value = percent;
        if (percent === shown) return;
        shown = percent;
        row.line.textContent = "Đang tải lên " + file.name + "… " + percent + " %";
      };
      put.onerror = () => failed(row, "mất kết nối tới nơi lưu tệp; hãy kiểm tra mạng rồi thử lại.");
      put.onload = () => {
        if (put.status < 200 || put.status >= 300)
          return failed(row, "nơi lưu tệp không nhận tệp (mã " + put.status + ").");
        uploaded(row, presigned.key);
      };
      put.send(data);
    }

    function uploaded(row, key) {
      // The report form posts the key, as it posts the keys step 1 brought back.
      if (row.hidden) row.hidden.remove();
      row.hidden = el("input", { type: "hidden", name: "fields." + field, value: key });
      report.append(row.hidden);
      row.done = true;
      row.name = row.file.name + " (" + size(row.file.size) + ")";
      show(row, "success", "Đã tải lên: " + row.name);
      row.again.textContent = "Thay tệp";
      row.again.setAttribute("aria-label", "Thay tệp " + row.file.name);
      input.value = "";
      input.removeAttribute("aria-invalid");
      const error = document.getElementById(input.id + "-error");
      if (error) error.hidden = true;
      // "Chưa tải tệp nào." no longer holds.
      const none = document.getElementById(input.id + "-da-tai");
      if (none && !none.classList.contains("success")) none.hidden = true;
      if (fallback) {
        fallback = false;
        nativeButton.hidden = true;
      }
      refreshReportHint();
      pending--;
      settle();
    }

    function failed(row, reason) {
      pending--;
      if (waiting) failedWhileWaiting = true;
      fail(row, reason, true);
      settle();
    }

    function fail(row, reason, canRetry) {
      row.failed = canRetry;
      show(
        row,
        "error",
        "Không tải lên được “" + row.file.name + "”: " + reason +
          (canRetry ? " Bấm “Thử lại”, hoặc “Tải tệp lên” để tải theo cách thường (trang sẽ tải lại)." : "") +
          (row.done ? " Tệp đã tải lên trước đó vẫn được giữ: " + row.name + "." : ""),
      );
      row.again.textContent = canRetry ? "Thử lại" : "Chọn tệp khác";
      row.again.setAttribute("aria-label", (canRetry ? "Thử lại " : "Chọn tệp khác thay ") + row.file.name);
      if (canRetry) {
        fallback = true;
        nativeButton.hidden = false;
      }
    }
  }
})();`;

/** The script's hash, for the page's Content-Security-Policy (script-src). */
export const UPLOAD_SCRIPT_HASH = `'sha256-${createHash("sha256").update(UPLOAD_SCRIPT, "utf8").digest("base64")}'`;
