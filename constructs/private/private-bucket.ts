import type { Construct } from "constructs";
import {
  S3Bucket,
  S3BucketLifecycleConfiguration,
  S3BucketOwnershipControls,
  S3BucketPolicy,
  S3BucketPublicAccessBlock,
  S3BucketServerSideEncryptionConfigurationA,
} from "./cdk";
import { policyDocument } from "./policy";

/** What {@link privateBucket} makes. */
export interface PrivateBucketProps {
  /** `bucket_prefix` of the bucket (Terraform adds a unique suffix). */
  readonly bucketPrefix: string;
  /** The one lifecycle rule: objects under `prefix` expire after `days`. */
  readonly expire: { readonly id: string; readonly prefix: string; readonly days: number };
}

/**
 * A private S3 bucket of the runtime: public access blocked, bucket-owner-enforced ownership, SSE-S3, one expiry
 * rule, and a policy refusing plain HTTP. Its parts are children of `scope` named `<id>Bucket`, `<id>PublicAccessBlock`,
 * `<id>Ownership`, `<id>Encryption`, `<id>Lifecycle` and `<id>Policy` (stable logical ids).
 */
export function privateBucket(scope: Construct, id: string, props: PrivateBucketProps): S3Bucket {
  const created = new S3Bucket(scope, `${id}Bucket`, { bucketPrefix: props.bucketPrefix });
  const bucket = created.id;
  new S3BucketPublicAccessBlock(scope, `${id}PublicAccessBlock`, {
    bucket,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  new S3BucketOwnershipControls(scope, `${id}Ownership`, {
    bucket,
    rule: { objectOwnership: "BucketOwnerEnforced" },
  });
  new S3BucketServerSideEncryptionConfigurationA(scope, `${id}Encryption`, {
    bucket,
    rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
  });
  new S3BucketLifecycleConfiguration(scope, `${id}Lifecycle`, {
    bucket,
    rule: [
      {
        id: props.expire.id,
        status: "Enabled",
        filter: [{ prefix: props.expire.prefix }],
        expiration: [{ days: props.expire.days }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
      },
    ],
  });
  new S3BucketPolicy(scope, `${id}Policy`, {
    bucket,
    policy: policyDocument([
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: { AWS: "*" },
        Action: ["s3:*"],
        Resource: [created.arn, `${created.arn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ]),
  });
  return created;
}
