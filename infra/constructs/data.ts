/**
 * The stateful part: the customer-managed key (submissions hold personal health data), the one
 * DynamoDB table built from functions/data/table.ts, the attachments bucket, and the link keyring.
 */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from "aws-cdk-lib/aws-dynamodb";
import { Key } from "aws-cdk-lib/aws-kms";
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import { type IndexDefinition, TABLE_KEYS } from "../../functions/data/table";
import { UPLOADS_PREFIX } from "../../shared/submission/attachments";

export interface DataProps {
  production: boolean;
}

export class Data extends Construct {
  readonly key: Key;
  readonly table: Table;
  readonly attachments: Bucket;
  readonly linkKeys: Secret;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    const removalPolicy = props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.key = new Key(this, "DataKey", {
      description: "hanchot: submissions, attachments and link keys (personal health data)",
      enableKeyRotation: true,
      removalPolicy,
    });

    const { partitionKey, sortKey, indexes } = TABLE_KEYS;
    this.table = new Table(this, "Table", {
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.production,
      removalPolicy,
    });
    for (const index of Object.values(indexes) as IndexDefinition[]) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        ...(index.include
          ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.include] }
          : { projectionType: ProjectionType.ALL }),
      });
    }

    const accessLogs = new Bucket(this, "AccessLogs", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy,
      autoDeleteObjects: !props.production,
    });
    this.attachments = new Bucket(this, "Attachments", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: "attachments/",
      lifecycleRules: [
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // Old versions of corrected files are kept a while for audit, then removed.
        { noncurrentVersionExpiration: Duration.days(365) },
        // A submission refers to its pinned copy under accepted/, never to the upload: uploads
        // (and the versions a reused form wrote over them) are only kept while a form is filled.
        {
          prefix: UPLOADS_PREFIX,
          expiration: Duration.days(2),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
      removalPolicy,
      autoDeleteObjects: !props.production,
    });

    // The keyring of the personal links: {"current": "k1", "k1": "<64 random characters>"}.
    this.linkKeys = new Secret(this, "LinkKeys", {
      description: "hanchot: HMAC keys of the units' personal submission links",
      encryptionKey: this.key,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ current: "k1" }),
        generateStringKey: "k1",
        passwordLength: 64,
        excludePunctuation: true,
      },
      removalPolicy,
    });
  }
}
