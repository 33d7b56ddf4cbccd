/**
 * Sending to people: the SES sender identity and a configuration set whose bounces, complaints and
 * rejections go to a topic (watched by an alarm), and the operators' topic for alarms.
 */
import { Stack } from "aws-cdk-lib";
import type { IKey } from "aws-cdk-lib/aws-kms";
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
} from "aws-cdk-lib/aws-ses";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";

export interface NotificationsProps {
  senderEmail: string;
  alarmEmails: string[];
  key: IKey;
}

export class Notifications extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly identityArn: string;
  readonly configurationSetArn: string;
  readonly deliveryProblems: Topic;
  readonly operators: Topic;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    const { region, account } = Stack.of(this);
    // Creating the identity sends AWS's verification mail; sending works once it is verified
    // and the account has left the SES sandbox (README, "Deploy").
    new EmailIdentity(this, "Sender", { identity: Identity.email(props.senderEmail) });
    this.identityArn = `arn:aws:ses:${region}:${account}:identity/${props.senderEmail}`;

    this.deliveryProblems = new Topic(this, "DeliveryProblems", {
      displayName: "hanchot: email bounces and complaints",
      masterKey: props.key,
      enforceSSL: true,
    });
    this.operators = new Topic(this, "Operators", {
      displayName: "hanchot: alarms",
      masterKey: props.key,
      enforceSSL: true,
    });
    for (const email of props.alarmEmails) this.operators.addSubscription(new EmailSubscription(email));

    this.configurationSet = new ConfigurationSet(this, "Emails", {});
    this.configurationSet.addEventDestination("DeliveryProblems", {
      destination: EventDestination.snsTopic(this.deliveryProblems),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.REJECT],
    });
    this.configurationSetArn = `arn:aws:ses:${region}:${account}:configuration-set/${this.configurationSet.configurationSetName}`;
  }
}
