import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { loadConfigText } from "../../src/config/load";
import { runPlan } from "../../src/reconcile/reconciler";
import { SecretError } from "../../src/secrets/errors";
import { openSecretResolver } from "../../src/secrets/open-secret-resolver";
import { clearSecretValues, redact } from "../../src/secrets/redaction";
import { CachingSecretResolver } from "../../src/secrets/secret-resolver";
import { SecretsManagerResolver } from "../../src/secrets/secrets-manager-resolver";
import { DynamoDbStateStore } from "../../src/state/dynamodb-state-store";
import { motoOptions, uniqueName } from "../support/aws";

describe("SecretsManagerResolver (moto)", () => {
  const prefix = uniqueName("logshipper");
  let sm: SecretsManagerClient;

  beforeAll(async () => {
    const { endpoint, region, credentials } = motoOptions();
    sm = new SecretsManagerClient({ endpoint, region, credentials });
    await sm.send(
      new CreateSecretCommand({ Name: `${prefix}/DD_API_KEY`, SecretString: "dd-key-1234567890" }),
    );
    await sm.send(
      new CreateSecretCommand({
        Name: `${prefix}/BINARY`,
        SecretBinary: Buffer.from("bin-värde-secret", "utf8"),
      }),
    );
  });

  afterAll(() => {
    sm.destroy();
    clearSecretValues();
  });

  it("resolves {{ secret('NAME') }} from <prefix>/NAME and registers the value for redaction", async () => {
    const resolver = new SecretsManagerResolver({ ...motoOptions(), prefix });
    await expect(resolver.resolve("DD_API_KEY")).resolves.toBe("dd-key-1234567890");
    expect(redact("vendor said: bad key dd-key-1234567890")).toBe("vendor said: bad key (secret)");
    await expect(resolver.resolve("BINARY")).resolves.toBe("bin-värde-secret");
    await resolver.close();
  });

  it("fails a missing secret with a clear SecretError naming the secret, and check() does the same", async () => {
    const resolver = new SecretsManagerResolver({ ...motoOptions(), prefix });
    const err = await resolver.resolve("NOPE").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecretError);
    expect((err as SecretError).secretName).toBe("NOPE");
    expect((err as Error).message).toBe(
      `secret NOPE: Secrets Manager secret ${prefix}/NOPE does not exist (or has no current version); create it with \`aws secretsmanager create-secret --name ${prefix}/NOPE --secret-string ...\``,
    );
    await expect(resolver.check("NOPE")).rejects.toThrow(SecretError);
    await expect(resolver.check("DD_API_KEY")).resolves.toBeUndefined();
    await resolver.close();
  });

  it("explains access denied without the value or the SDK's raw text", async () => {
    // moto does not enforce IAM: the SDK error is produced by a stand-in client
    const denied = Object.assign(new Error("User: arn:aws:sts::1:assumed-role/x is not authorized"), {
      name: "AccessDeniedException",
    });
    const client = { send: async () => Promise.reject(denied) } as unknown as SecretsManagerClient;
    const resolver = new SecretsManagerResolver({ client, prefix: "logshipper" });
    await expect(resolver.check("DD_API_KEY")).rejects.toThrow(
      "secret DD_API_KEY: Secrets Manager secret logshipper/DD_API_KEY cannot be read: access denied; the role needs secretsmanager:GetSecretValue on arn:aws:secretsmanager:<region>:<account>:secret:logshipper/DD_API_KEY-*",
    );
  });

  it("reads each secret once per run through CachingSecretResolver", async () => {
    let calls = 0;
    const inner = new SecretsManagerResolver({ ...motoOptions(), prefix });
    const counting = {
      describe: () => inner.describe(),
      check: (n: string) => inner.check(n),
      resolve: (n: string) => {
        calls++;
        return inner.resolve(n);
      },
    };
    const cached = new CachingSecretResolver(counting);
    await Promise.all([
      cached.resolve("DD_API_KEY"),
      cached.resolve("DD_API_KEY"),
      cached.resolve("DD_API_KEY"),
    ]);
    expect(calls).toBe(1);
    await inner.close();
  });

  it("--secrets aws-secrets-manager[:prefix] opens it; the prefix defaults to LOGSHIPPER_SECRET_PREFIX, then logshipper", async () => {
    const a = (await openSecretResolver(`aws-secrets-manager:${prefix}`, {})) as SecretsManagerResolver;
    expect(a.secretId("X")).toBe(`${prefix}/X`);
    const b = (await openSecretResolver("aws-secrets-manager", {
      LOGSHIPPER_SECRET_PREFIX: "team/a",
    })) as SecretsManagerResolver;
    expect(b.secretId("X")).toBe("team/a/X");
    const c = (await openSecretResolver("aws-secrets-manager", {})) as SecretsManagerResolver;
    expect(c.secretId("X")).toBe("logshipper/X");
    await expect(openSecretResolver("vault", {})).rejects.toThrow(
      "--secrets vault: expected env or aws-secrets-manager[:prefix]",
    );
  });

  it("makes plan report a missing secret as secret-unresolvable drift, and not a present one", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ls-sm-plan-"));
    try {
      await writeFile(join(dir, "a.jsonl"), "");
      const config = loadConfigText(
        join(dir, "logshipper.yaml"),
        [
          "shippers:",
          "  - id: billing",
          "    source: { type: file, path: ./*.jsonl }",
          "    logExporters:",
          "      - id: dd",
          "        type: datadog",
          "        basePath: https://http-intake.logs.datadoghq.eu",
          "        apiKey: \"{{ secret('DD_API_KEY') }}\"",
          "      - id: dd2",
          "        type: datadog",
          "        basePath: https://http-intake.logs.datadoghq.eu",
          "        apiKey: \"{{ secret('MISSING_KEY') }}\"",
        ].join("\n"),
        dir,
      );
      const state = new DynamoDbStateStore({ ...motoOptions(), table: uniqueName("plan") });
      await state.init();
      const secrets = new CachingSecretResolver(new SecretsManagerResolver({ ...motoOptions(), prefix }));
      const { report } = await runPlan(config, { state, secrets, now: new Date() });
      const unresolvable = report.drift.filter((d) => d.kind === "secret-unresolvable");
      expect(unresolvable).toEqual([
        {
          kind: "secret-unresolvable",
          shipper: "billing",
          exporter: "dd2",
          message: expect.stringContaining(`Secrets Manager secret ${prefix}/MISSING_KEY does not exist`),
        },
      ]);
      expect(JSON.stringify(report)).not.toContain("dd-key-1234567890");
      await state.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
