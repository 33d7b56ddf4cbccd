/**
 * Sign-in to the console (email and password, checked against the user pool by the handler) and
 * the console's error page. Neither needs a session.
 */
import { type Html, html } from "../html";
import { type ConsoleContext, consolePage, urlsFor } from "./layout";
import { consoleUrls } from "./urls";

export interface SignInInput {
  /** Why the last attempt failed, in Vietnamese. */
  error?: string | undefined;
  /** The email typed last time, kept so it need not be typed again. */
  email?: string | undefined;
  /** The console page to go back to after signing in (a path the handler checks). */
  next?: string | undefined;
  /** A CSRF token for the sign-in form, when the handler issues one before a session exists. */
  csrf?: string | undefined;
  basePath?: string | undefined;
  /**
   * First sign-in with a temporary password (an account an office created in AWS): the form also
   * asks for the user's own password, twice, with the rules it must meet.
   */
  newPassword?: { rules: string } | undefined;
}

export function signInPage(input: SignInInput = {}): string {
  const urls = consoleUrls(input.basePath);
  const errorId = "dang-nhap-loi";
  const described = input.error ? html` aria-describedby="${errorId}"` : "";
  const invalid = input.error ? html` aria-invalid="true"` : "";
  const body: Html = html`<h1>Đăng nhập</h1>
<p class="lead">Bảng điều hành dành cho cơ quan thường trực, Ban Chỉ đạo và cơ quan theo dõi kế hoạch. Đơn vị nộp báo cáo không cần đăng nhập: hãy dùng đường dẫn riêng trong email hoặc tin nhắn.</p>
${input.error ? html`<div class="notice error" role="alert" id="${errorId}">${input.error}</div>` : ""}
<form class="card" method="post" action="${urls.signIn()}" accept-charset="utf-8" style="max-width:28rem">
${input.csrf ? html`<input type="hidden" name="csrf" value="${input.csrf}">` : ""}
${input.next ? html`<input type="hidden" name="next" value="${input.next}">` : ""}
<label for="email">Email</label>
<input type="email" id="email" name="email" autocomplete="username" required value="${input.email ?? ""}"${described}${invalid}>
<label for="password">${input.newPassword ? "Mật khẩu tạm (trong thư mời)" : "Mật khẩu"}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required${described}${invalid}>
${
  input.newPassword
    ? html`<label for="new-password">Mật khẩu mới</label>
<input type="password" id="new-password" name="newPassword" autocomplete="new-password" required aria-describedby="quy-tac-mat-khau">
<p class="fine" id="quy-tac-mat-khau">Mật khẩu mới: ${input.newPassword.rules}.</p>
<label for="new-password-again">Nhập lại mật khẩu mới</label>
<input type="password" id="new-password-again" name="newPasswordAgain" autocomplete="new-password" required>`
    : ""
}
<button type="submit" class="act">${input.newPassword ? "Đặt mật khẩu và đăng nhập" : "Đăng nhập"}</button>
</form>
<p class="fine">Quên mật khẩu hoặc chưa có tài khoản? Hãy liên hệ người quản trị hệ thống của cơ quan.</p>`;
  return consolePage({ title: "Đăng nhập", body });
}

export interface ErrorInput {
  status: number;
  title: string;
  message: string;
}

/** A console error (403, 404, 500 …) in words: never a stack trace or an internal detail. */
export function consoleErrorPage(input: ErrorInput, ctx?: ConsoleContext): string {
  const urls = urlsFor(ctx);
  const body = html`<section class="card" aria-labelledby="loi">
<h1 id="loi">${input.title}</h1>
<p>${input.message}</p>
<p class="fine">Mã lỗi ${input.status}.</p>
<p><a href="${ctx ? urls.home() : urls.signIn()}">${ctx ? "Về trang đầu của bảng điều hành" : "Đến trang đăng nhập"}</a></p>
</section>`;
  return consolePage({ title: input.title, body, ctx });
}
