// ESLint (flat config) with typescript-eslint. Two import boundaries are enforced here:
// - the runtime (src/) never imports cdktf or the AWS provider bindings;
// - nothing imports the root of @cdktf/provider-aws (it loads 2,212 modules); use @cdktf/provider-aws/lib/<resource>;
// - the constructs reach cdktf/cdktn only through constructs/private/cdk.ts, which loads the installed flavour.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const providerRoot = {
  name: "@cdktf/provider-aws",
  message:
    "Import @cdktf/provider-aws/lib/<resource> instead: the package root loads every resource (5-7x slower).",
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "dist/",
      "coverage/",
      "cdktf.out/",
      "generated/",
      "**/cdktf.out/",
      ".logshipper/",
      "bench/data/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "no-restricted-imports": ["error", { paths: [providerRoot] }],
    },
  },
  {
    files: ["src/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            providerRoot,
            { name: "cdktf", message: "The runtime never imports cdktf; constructs/ does." },
            { name: "constructs", message: "The runtime never imports constructs." },
          ],
          patterns: [
            {
              group: ["@cdktf/*", "cdktf/*", "**/constructs/*"],
              message: "The runtime (src/) never imports cdktf or the constructs.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["constructs/**/*.ts"],
    ignores: ["constructs/private/cdk.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            providerRoot,
            ...["cdktf", "cdktn"].map((name) => ({
              name,
              message:
                "Import cdk classes from ./private/cdk: it loads cdktf or cdktn, whichever the app has.",
            })),
          ],
          patterns: [
            {
              group: ["@cdktf/*", "@cdktn/*", "cdktf/*", "cdktn/*"],
              message:
                "Import provider classes from ./private/cdk: it loads the installed flavour's provider.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        __dirname: "readonly",
        process: "readonly",
        console: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
