/** One statement of an IAM policy document, in the JSON shape IAM reads. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: Readonly<Record<string, string | readonly string[]>>;
  readonly Action: readonly string[];
  readonly Resource?: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/**
 * An IAM policy document as a JSON string. Resource references (tokens) stay inside the strings and become Terraform
 * interpolations (`${aws_dynamodb_table.x.arn}`) at synth, so the document stays plain JSON that tests can parse.
 */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** A trust policy that lets one AWS service assume a role, with optional conditions. */
export function assumeRolePolicy(service: string, condition?: PolicyStatement["Condition"]): string {
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Service: service },
      Action: ["sts:AssumeRole"],
      ...(condition !== undefined ? { Condition: condition } : {}),
    },
  ]);
}
