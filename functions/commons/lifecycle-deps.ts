/**
 * The lifecycle steps' dependencies in Lambda: clients created once per container, configuration
 * validated once (table, link keys, sender identity, SMS sender ID, public URL).
 */
import { SESClient } from "@aws-sdk/client-ses";
import { SNSClient } from "@aws-sdk/client-sns";
import { z } from "zod";
import { dataLayer } from "../data";
import type { LifecycleDeps } from "../use-cases/lifecycle";
import { dynamoDocumentClient } from "./clients";
import { appConfig } from "./config";
import { SesEmailSender, SnsSmsSender } from "./notifications";

const Env = z.object({
  SENDER_EMAIL: z.email(),
  SES_CONFIGURATION_SET: z.string().optional(),
  SMS_SENDER_ID: z.string().optional(),
});

let deps: LifecycleDeps | undefined;

export function lifecycleDeps(env: NodeJS.ProcessEnv = process.env): LifecycleDeps {
  if (deps) return deps;
  const config = appConfig(env);
  const e = Env.parse(env);
  deps = {
    data: dataLayer(dynamoDocumentClient(), config.tableName),
    email: new SesEmailSender(new SESClient({}), {
      from: e.SENDER_EMAIL,
      ...(e.SES_CONFIGURATION_SET && { configurationSet: e.SES_CONFIGURATION_SET }),
    }),
    sms: new SnsSmsSender(new SNSClient({}), { ...(e.SMS_SENDER_ID && { senderId: e.SMS_SENDER_ID }) }),
    get keyring() {
      return config.keyring;
    },
    now: () => new Date(),
    baseUrl: config.publicBaseUrl,
  };
  return deps;
}
