/**
 * Every way a submission can be refused: an HTTP status, a machine code, and a Vietnamese message
 * a unit's clerk can act on. Only these reach users: a store that does not answer is
 * store_unavailable (503), anything else unexpected is internal_error (500), its cause only logged.
 */
/**
 * Whom a unit asks for a new link when its plan's standing body is not known (the JSON API, a link
 * naming no readable deadline). The pages name the real one, with its email and phone, when known.
 */
export const STANDING_BODY_UNKNOWN = "cơ quan thường trực của kế hoạch";

export const SUBMISSION_ERRORS = {
  invalid_json: { status: 400, message: "Dữ liệu gửi lên không phải JSON hợp lệ." },
  invalid_body: { status: 400, message: "Dữ liệu gửi lên không đúng cấu trúc (cần submitter và fields)." },
  unsupported_media_type: { status: 415, message: "Chỉ nhận application/json hoặc dữ liệu biểu mẫu." },
  body_too_large: { status: 413, message: "Dữ liệu gửi lên quá lớn. Tệp đính kèm hãy tải lên riêng." },
  link_malformed: {
    status: 401,
    message: "Đường dẫn nộp báo cáo không hợp lệ. Hãy dùng đúng đường dẫn trong thư nhắc.",
  },
  link_tampered: {
    status: 401,
    message: "Đường dẫn nộp báo cáo đã bị thay đổi. Hãy dùng đúng đường dẫn trong thư nhắc.",
  },
  link_revoked: {
    status: 403,
    message: `Đường dẫn này đã bị thu hồi. Hãy liên hệ ${STANDING_BODY_UNKNOWN} để nhận đường dẫn mới.`,
  },
  link_expired: {
    status: 410,
    message: `Đường dẫn này đã hết hạn. Hãy liên hệ ${STANDING_BODY_UNKNOWN} để nhận đường dẫn mới.`,
  },
  wrong_unit: { status: 403, message: "Đường dẫn này không dùng để nộp cho đơn vị hoặc nhiệm vụ khác." },
  deadline_not_found: {
    status: 404,
    message: "Không tìm thấy nhiệm vụ của đường dẫn này (kế hoạch có thể đã thay đổi).",
  },
  not_expected: { status: 409, message: "Nhiệm vụ này đã được hủy hoặc miễn cho đơn vị, không cần nộp." },
  idempotency_key_required: {
    status: 400,
    message:
      "Thiếu tiêu đề Idempotency-Key. Mỗi lần nộp hãy gửi kèm một mã riêng (8–128 ký tự ASCII, ví dụ một UUID); khi gửi lại cùng báo cáo, dùng lại đúng mã đó.",
  },
  idempotency_key_invalid: {
    status: 400,
    message:
      "Tiêu đề Idempotency-Key không hợp lệ: cần 8–128 ký tự ASCII in được, không có dấu cách (ví dụ một UUID).",
  },
  idempotency_conflict: {
    status: 409,
    message: "Yêu cầu này trùng mã với một lần nộp trước nhưng nội dung khác. Hãy tải lại trang rồi nộp lại.",
  },
  validation_failed: {
    status: 422,
    message: "Một số thông tin chưa đúng. Hãy sửa các ô được đánh dấu rồi nộp lại.",
  },
  attachment_rejected: {
    status: 422,
    message: "Tệp đính kèm chưa hợp lệ. Hãy xem ghi chú ở ô tệp rồi tải lại.",
  },
  uploads_unavailable: { status: 503, message: "Tạm thời chưa tải tệp lên được. Hãy thử lại sau." },
  store_unavailable: {
    status: 503,
    message:
      "Hệ thống lưu trữ tạm thời không phản hồi nên chưa xử lý được yêu cầu. Hãy thử lại sau ít phút; " +
      "gửi lại cùng một lần nộp không tạo bản trùng.",
  },
  internal_error: {
    status: 500,
    message: "Hệ thống gặp lỗi ngoài dự kiến nên chưa xử lý được yêu cầu. Hãy thử lại sau ít phút.",
  },
  unknown_field: { status: 400, message: "Biểu mẫu không có ô tệp này." },
} as const;

export type SubmissionErrorCode = keyof typeof SUBMISSION_ERRORS;

export interface SubmissionError {
  status: number;
  code: SubmissionErrorCode;
  message: string;
  /** "submitter.phone", "fields.tom-tat" → message */
  fieldErrors?: Record<string, string>;
}

export function submissionError(
  code: SubmissionErrorCode,
  fieldErrors?: Record<string, string>,
): SubmissionError {
  return { ...SUBMISSION_ERRORS[code], code, ...(fieldErrors && { fieldErrors }) };
}
