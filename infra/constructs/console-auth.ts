/**
 * Who may sign in to the operations console: a Cognito user pool whose users an office adds (no
 * self sign-up), signed in by email and password (TOTP available as a second factor), with a
 * group per role and the plans or oversight bodies a user may read as attributes
 * (shared/console/access.ts decides from those), and the console's app client.
 */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  VerificationEmailStyle,
} from "aws-cdk-lib/aws-cognito";
import type { IGrantable } from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { ROLE_NAMES, ROLES } from "../../shared/console/access";

export interface ConsoleAuthProps {
  /** Production: deletion protection, and the pool is kept when the stack is deleted. */
  production: boolean;
  /** Plus feature plan with threat protection enforced (infra/config.ts, signInThreatProtection). */
  threatProtection: boolean;
  /** Where the console signs in, for the invitation email. */
  consoleUrl: string;
}

/** The custom attributes that scope a user (read as `custom:plans`, `custom:oversight`). */
export const SCOPE_ATTRIBUTES = ["plans", "oversight"] as const;

export class ConsoleAuth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** On Cognito's Plus plan with threat protection enforced. */
  readonly threatProtection: boolean;

  constructor(scope: Construct, id: string, props: ConsoleAuthProps) {
    super(scope, id);
    this.threatProtection = props.threatProtection;
    this.userPool = new UserPool(this, "Users", {
      // An office adds its own users (`npm run -s users -- add …`); nobody signs themselves up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      signInCaseSensitive: false,
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      // Comma-separated ids. Mutable by administrators only: the app client below cannot write them.
      customAttributes: Object.fromEntries(
        SCOPE_ATTRIBUTES.map((name) => [name, new StringAttribute({ mutable: true, maxLen: 2048 })]),
      ),
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      // Optional: an office often shares one phone, so a second factor cannot be demanded of everyone.
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      ...(props.threatProtection
        ? {
            featurePlan: FeaturePlan.PLUS,
            standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
          }
        : { featurePlan: FeaturePlan.ESSENTIALS }),
      // Cognito's own sender (a daily quota, enough for invitations and password resets): sending
      // from the SES identity would fail the first deployment, before the identity is verified.
      userInvitation: {
        emailSubject: "Tài khoản bảng điều hành hạn chót",
        emailBody:
          "Văn phòng đã tạo cho bạn tài khoản trên bảng điều hành hạn chót. " +
          `Đăng nhập tại ${props.consoleUrl} với tên đăng nhập {username} và mật khẩu tạm thời {####}. ` +
          "Mật khẩu tạm thời dùng được trong 3 ngày; lần đăng nhập đầu tiên bạn sẽ đặt mật khẩu mới.",
      },
      userVerification: {
        emailStyle: VerificationEmailStyle.CODE,
        emailSubject: "Mã xác minh hạn chót",
        emailBody: "Mã xác minh của bạn là {####}. Nếu bạn không yêu cầu mã này, hãy bỏ qua thư.",
        smsMessage: "Mã xác minh hạn chót của bạn là {####}.",
      },
      deletionProtection: props.production,
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    ROLES.forEach((role, precedence) => {
      this.userPool.addGroup(role, {
        groupName: role,
        description: ROLE_NAMES[role],
        precedence,
      });
    });

    // The console signs users in from its function (InitiateAuth with USER_PASSWORD_AUTH, or SRP),
    // so the client has no OAuth flows and no secret: a secret would protect nothing the password
    // does not (only that function calls Cognito) and would need a SECRET_HASH on every call.
    this.client = this.userPool.addClient("Console", {
      authFlows: { userPassword: true, userSrp: true },
      generateSecret: false,
      disableOAuth: true,
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      // Custom attributes reach the ID token only when the client may read them.
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(...SCOPE_ATTRIBUTES),
      // Users may change their name; never their email (their sign-in) nor their scope.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }

  /** Reading a group's members (the committee receives escalations; the console lists them). */
  grantListGroupMembers(grantee: IGrantable): void {
    this.userPool.grant(grantee, "cognito-idp:ListUsersInGroup");
  }
}
