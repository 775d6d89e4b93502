/* eslint-disable */
// GENERATED from schemas/*.schema.json by scripts/generate-types.ts (Ajv standalone code). Do not edit by hand:
// change a schema and run `npm run generate`.
"use strict";
exports.config = validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://log-shipper.dev/schemas/config.schema.json","title":"LogShipperConfig","description":"log-shipper configuration (native form). A Kestra flow YAML with LogShipper tasks is accepted too; see KestraLogShipperTask.","type":"object","additionalProperties":false,"required":["shippers"],"properties":{"shippers":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/shipper"}},"variables":{"type":"object","additionalProperties":{"type":["string","number","boolean"]},"description":"Values for {{ vars.NAME }}; --var NAME=VALUE overrides them."}},"$defs":{"shipper":{"title":"Shipper","description":"One log shipper: a source, filters, and one or more exporters.","type":"object","additionalProperties":false,"required":["id","source","logExporters"],"properties":{"id":{"type":"string","pattern":"^[a-zA-Z0-9][a-zA-Z0-9_-]*$","maxLength":128,"description":"Unique id of the shipper."},"description":{"type":"string"},"source":{"$ref":"#/$defs/source"},"schedule":{"$ref":"#/$defs/schedule"},"timezone":{"type":"string","description":"IANA time zone of the schedule. Default: UTC."},"lagThreshold":{"$ref":"#/$defs/duration","description":"Pending work older than this is reported as `lagging` drift. Default: twice the schedule's interval, or PT1H without a schedule."},"logExporters":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/logExporter"},"description":"The destinations. Each keeps its own offset."},"logLevelFilter":{"$ref":"#/$defs/level","description":"Minimum level shipped. Default: INFO. WARNING means WARN."},"lookbackPeriod":{"$ref":"#/$defs/duration","description":"Where the range starts when an exporter has no offset: now minus this period. Default: P1D."},"namespace":{"type":"string","pattern":"^[a-zA-Z0-9][a-zA-Z0-9._-]*$","description":"Only this namespace and its children (`namespace.` prefix)."},"offsetKey":{"type":"string","pattern":"^[a-zA-Z0-9][a-zA-Z0-9._-]*$","description":"Name under which the offsets are stored. Renaming it starts over from the lookback. Default: LogShipper-state."},"batchSize":{"type":"integer","minimum":1,"maximum":100000,"description":"Records read from the source per batch. Default: 1000."},"delete":{"const":false,"description":"Kestra's option to delete shipped logs from the source. Only `false` is supported."}}},"kestraLogShipperTask":{"title":"KestraLogShipperTask","description":"A Kestra `io.kestra.plugin.ee.core.log.LogShipper` task, as written in a flow.","type":"object","additionalProperties":false,"required":["id","type","logExporters"],"properties":{"id":{"type":"string","pattern":"^[a-zA-Z0-9][a-zA-Z0-9_-]*$"},"type":{"const":"io.kestra.plugin.ee.core.log.LogShipper"},"description":{"type":"string"},"disabled":{"type":"boolean"},"timeout":{"type":"string"},"retry":{"type":"object"},"allowFailure":{"type":"boolean"},"allowWarning":{"type":"boolean"},"logLevel":{"type":"string"},"logToFile":{"type":"boolean"},"runIf":{"type":"string"},"workerGroup":{"type":"object"},"logExporters":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/logExporter"},"description":"The destinations. Each keeps its own offset."},"logLevelFilter":{"$ref":"#/$defs/level","description":"Minimum level shipped. Default: INFO. WARNING means WARN."},"lookbackPeriod":{"$ref":"#/$defs/duration","description":"Where the range starts when an exporter has no offset: now minus this period. Default: P1D."},"namespace":{"type":"string","pattern":"^[a-zA-Z0-9][a-zA-Z0-9._-]*$","description":"Only this namespace and its children (`namespace.` prefix)."},"offsetKey":{"type":"string","pattern":"^[a-zA-Z0-9][a-zA-Z0-9._-]*$","description":"Name under which the offsets are stored. Renaming it starts over from the lookback. Default: LogShipper-state."},"batchSize":{"type":"integer","minimum":1,"maximum":100000,"description":"Records read from the source per batch. Default: 1000."},"delete":{"const":false,"description":"Kestra's option to delete shipped logs from the source. Only `false` is supported."}}},"source":{"title":"Source","oneOf":[{"$ref":"#/$defs/fileSource"},{"$ref":"#/$defs/kestraSource"},{"$ref":"#/$defs/cloudWatchSource"}],"discriminator":{"propertyName":"type"},"type":"object"},"logExporter":{"title":"LogExporter","oneOf":[{"$ref":"#/$defs/datadogExporter"},{"$ref":"#/$defs/elasticsearchExporter"},{"$ref":"#/$defs/newRelicExporter"},{"$ref":"#/$defs/azureMonitorExporter"},{"$ref":"#/$defs/gcpLoggingExporter"},{"$ref":"#/$defs/cloudWatchExporter"},{"$ref":"#/$defs/openTelemetryExporter"},{"$ref":"#/$defs/fileExporter"}],"discriminator":{"propertyName":"type"},"type":"object"},"level":{"enum":["TRACE","DEBUG","INFO","WARN","WARNING","ERROR"]},"duration":{"type":"string","pattern":"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$","description":"ISO-8601 duration, e.g. P1D, PT2M, PT0S."},"schedule":{"type":"string","minLength":1,"description":"Cron expression (5 fields, or 6 with seconds) or @hourly, @daily, @weekly, @monthly, @yearly, @annually, @midnight."},"templatedString":{"type":"string","description":"A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions."},"httpUrl":{"type":"string","pattern":"^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$","description":"An http(s) URL, or a template that renders to one."},"exporterId":{"type":"string","pattern":"^[a-zA-Z0-9][a-zA-Z0-9_-]*$","maxLength":128},"chunk":{"type":"integer","minimum":1,"maximum":100000,"description":"Entries per request (Kestra's `chunk`). The destination's own limits can make requests smaller. Default: 1000."},"httpOptions":{"title":"HttpOptions","description":"Kestra's HTTP client options (io.kestra.core.http.client.configurations.HttpConfiguration). log-shipper honours the timeouts and `ssl.insecureTrustAllCertificates`; redirects are never followed for log uploads, so credentials cannot leak to another host; the other keys are accepted so that Kestra YAML validates unchanged.","type":"object","additionalProperties":false,"properties":{"timeout":{"type":"object","additionalProperties":false,"properties":{"connectTimeout":{"$ref":"#/$defs/duration"},"readIdleTimeout":{"$ref":"#/$defs/duration"}}},"connectTimeout":{"$ref":"#/$defs/duration"},"readTimeout":{"$ref":"#/$defs/duration"},"readIdleTimeout":{"$ref":"#/$defs/duration"},"connectionPoolIdleTimeout":{"$ref":"#/$defs/duration"},"maxContentLength":{"type":"integer"},"followRedirects":{"type":"boolean"},"allowFailed":{"type":"boolean"},"allowedResponseCodes":{"type":"array","items":{"type":"integer"}},"defaultCharset":{"type":"string"},"logs":{"type":"array","items":{"type":"string"}},"logLevel":{"type":"string"},"ssl":{"type":"object","additionalProperties":false,"properties":{"insecureTrustAllCertificates":{"type":"boolean","description":"Turns off TLS certificate verification. Explicit and warned about."}}},"proxy":{"type":"object","additionalProperties":false,"properties":{"type":{"type":"string"},"address":{"type":"string"},"port":{"type":"integer"},"username":{"type":"string"},"password":{"type":"string"}}},"auth":{"type":"object","additionalProperties":false,"properties":{"type":{"type":"string"},"username":{"type":"string"},"password":{"type":"string"},"token":{"type":"string"}}},"proxyType":{"type":"string"},"proxyAddress":{"type":"string"},"proxyPort":{"type":"integer"},"proxyUsername":{"type":"string"},"proxyPassword":{"type":"string"},"basicAuthUser":{"type":"string"},"basicAuthPassword":{"type":"string"}}},"fileSource":{"title":"FileSource","description":"JSON-lines files in Kestra's log model. Each file must be append-only and in timestamp order; a line older than the one before it is shipped at the position of the one before it.","type":"object","additionalProperties":false,"required":["type","path"],"properties":{"type":{"const":"file"},"path":{"type":"string","minLength":1,"description":"Glob of JSON-lines files, relative to the config file."},"maxLineBytes":{"type":"integer","minimum":1024,"description":"Longer lines are counted as invalid and skipped. Default: 4194304 (4 MiB)."},"settleDelay":{"$ref":"#/$defs/duration","description":"The range ends at now minus this delay. Default: PT0S."}}},"kestraSource":{"title":"KestraSource","description":"Kestra's REST log search API.","type":"object","additionalProperties":false,"required":["type"],"properties":{"type":{"const":"kestra"},"url":{"$ref":"#/$defs/httpUrl","description":"Kestra base URL. Default: the KESTRA_URL environment variable."},"tenant":{"type":"string","pattern":"^[a-z0-9][a-z0-9_-]*$","description":"Tenant id. Without it the legacy path /api/v1/logs/search is used."},"auth":{"oneOf":[{"title":"KestraBasicAuth","type":"object","additionalProperties":false,"required":["type","username","password"],"properties":{"type":{"const":"basic"},"username":{"$ref":"#/$defs/templatedString"},"password":{"$ref":"#/$defs/templatedString"}}},{"title":"KestraBearerAuth","type":"object","additionalProperties":false,"required":["type","token"],"properties":{"type":{"const":"bearer"},"token":{"$ref":"#/$defs/templatedString"}}}],"description":"Default: KESTRA_API_TOKEN, or KESTRA_USERNAME/KESTRA_PASSWORD, from the environment.","type":"object","discriminator":{"propertyName":"type"}},"pageSize":{"type":"integer","minimum":1,"maximum":10000,"description":"Results per page. Default: 500."},"settleDelay":{"$ref":"#/$defs/duration","description":"The range ends at now minus this delay. Default: PT30S."}}},"cloudWatchSource":{"title":"CloudWatchSource","description":"AWS CloudWatch Logs FilterLogEvents. Give exactly one of logGroupNames and logGroupNamePrefix.","type":"object","additionalProperties":false,"required":["type","region"],"properties":{"type":{"const":"cloudwatch"},"region":{"$ref":"#/$defs/templatedString"},"logGroupNames":{"type":"array","minItems":1,"items":{"type":"string","minLength":1}},"logGroupNamePrefix":{"type":"string","minLength":1},"filterPattern":{"type":"string"},"accessKeyId":{"$ref":"#/$defs/templatedString"},"secretKeyId":{"$ref":"#/$defs/templatedString"},"sessionToken":{"$ref":"#/$defs/templatedString"},"endpointOverride":{"$ref":"#/$defs/httpUrl","description":"Endpoint URL, e.g. for LocalStack or moto. AWS_ENDPOINT_URL is honoured too."},"settleDelay":{"$ref":"#/$defs/duration","description":"The range ends at now minus this delay, so late-ingested events are not skipped. Default: PT2M."}}},"datadogExporter":{"title":"DatadogExporter","description":"Datadog Logs HTTP intake v2 (POST {basePath}/api/v2/logs).","type":"object","additionalProperties":false,"required":["id","type","basePath","apiKey"],"properties":{"type":{"enum":["datadog","io.kestra.plugin.ee.datadog.LogExporter"],"description":"Exporter type: the short alias or a Kestra type name."},"id":{"$ref":"#/$defs/exporterId"},"basePath":{"$ref":"#/$defs/httpUrl","description":"Region intake base URL, e.g. https://http-intake.logs.datadoghq.eu; `/api/v2/logs` is appended."},"apiKey":{"$ref":"#/$defs/templatedString","description":"Datadog API key, sent as the DD-API-KEY header. Usually {{ secret('DATADOG_API_KEY') }}."},"options":{"$ref":"#/$defs/httpOptions"},"service":{"type":"string","description":"Datadog `service` attribute. Default: kestra."},"ddsource":{"type":"string","description":"Datadog `ddsource` attribute. Default: kestra."},"ddtags":{"type":"string","description":"Extra Datadog tags, `k:v,k2:v2`, added to the generated ones."},"hostname":{"type":"string","description":"Datadog `hostname` attribute."},"chunk":{"$ref":"#/$defs/chunk"},"concurrency":{"type":"integer","minimum":1,"maximum":32,"description":"Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations."},"retryBudget":{"$ref":"#/$defs/duration","description":"Longest total time spent retrying one request before the exporter gives up for this run (log-shipper extension). Default PT5M; inside AWS Lambda it is also bounded by the invocation's remaining time."}}},"elasticsearchExporter":{"title":"ElasticsearchExporter","description":"Elasticsearch or OpenSearch `_bulk` API with `create` actions and deterministic document ids.","type":"object","additionalProperties":false,"required":["id","type","connection","indexName"],"properties":{"type":{"enum":["elasticsearch","opensearch","io.kestra.plugin.ee.elasticsearch.LogExporter","io.kestra.plugin.elasticsearch.LogExporter","io.kestra.plugin.ee.opensearch.LogExporter"],"description":"Exporter type: the short alias or a Kestra type name."},"id":{"$ref":"#/$defs/exporterId"},"connection":{"title":"ElasticsearchConnection","type":"object","additionalProperties":false,"required":["hosts"],"properties":{"hosts":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/httpUrl"},"description":"Node URLs with scheme and port."},"basicAuth":{"type":"object","additionalProperties":false,"properties":{"username":{"$ref":"#/$defs/templatedString"},"password":{"$ref":"#/$defs/templatedString"}}},"apiKey":{"$ref":"#/$defs/templatedString","description":"Elasticsearch API key (the base64 `encoded` value), sent as `Authorization: ApiKey …` (log-shipper extension)."},"headers":{"type":"array","items":{"$ref":"#/$defs/templatedString"},"description":"Extra headers, each `Name: value`."},"pathPrefix":{"type":"string"},"strictDeprecationMode":{"type":"boolean"},"trustAllSsl":{"type":"boolean","description":"Turns off TLS certificate verification. Explicit and warned about."}}},"indexName":{"type":"string","minLength":1,"description":"Target index or data stream."},"options":{"$ref":"#/$defs/httpOptions"},"chunk":{"$ref":"#/$defs/chunk"},"concurrency":{"type":"integer","minimum":1,"maximum":32,"description":"Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations."},"retryBudget":{"$ref":"#/$defs/duration","description":"Longest total time spent retrying one request before the exporter gives up for this run (log-shipper extension). Default PT5M; inside AWS Lambda it is also bounded by the invocation's remaining time."}}},"newRelicExporter":{"title":"NewRelicExporter","description":"New Relic Log API (POST {basePath}/log/v1).","type":"object","additionalProperties":false,"required":["id","type","basePath","apiKey"],"properties":{"type":{"enum":["newrelic","io.kestra.plugin.ee.newrelic.LogExporter"],"description":"Exporter type: the short alias or a Kestra type name."},"id":{"$ref":"#/$defs/exporterId"},"basePath":{"$ref":"#/$defs/httpUrl","description":"Log API base URL: https://log-api.newrelic.com (US) or https://log-api.eu.newrelic.com (EU); `/log/v1` is appended."},"apiKey":{"$ref":"#/$defs/templatedString","description":"License key or insert key, sent as the Api-Key header."},"options":{"$ref":"#/$defs/httpOptions"},"chunk":{"$ref":"#/$defs/chunk"},"concurrency":{"type":"integer","minimum":1,"maximum":32,"description":"Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations."},"retryBudget":{"$ref":"#/$defs/duration","description":"Longest total time spent retrying one request before the exporter gives up for this run (log-shipper extension). Default PT5M; inside AWS Lambda it is also bounded by the invocation's remaining time."}}},"azureMonitorExporter":{"title":"AzureMonitorExporter","description":"Azure Monitor Logs Ingestion API (data collection rule and stream).","type":"object","additionalProperties":false,"required":["id","type","endpoint","tenantId","clientId","clientSecret","ruleId","streamName"],"properties":{"type":{"enum":["azure-monitor","io.kestra.plugin.ee.azure.monitor.LogExporter","io.kestra.plugin.ee.azure.LogExporter"],"description":"Exporter type: the short alias or a Kestra type name."},"id":{"$ref":"#/$defs/exporterId"},"endpoint":{"$ref":"#/$defs/httpUrl","description":"Data collection endpoint (or the DCR's logs ingestion endpoint), e.g. https://my-dce.eastus-1.ingest.monitor.azure.com."},"tenantId":{"$ref":"#/$defs/templatedString","description":"Microsoft Entra tenant id."},"clientId":{"$ref":"#/$defs/templatedString","description":"Application (client) id."},"clientSecret":{"$ref":"#/$defs/templatedString","description":"Client secret."},"ruleId":{"type":"string","minLength":1,"description":"Immutable id of the data collection rule, `dcr-…`."},"streamName":{"type":"string","minLength":1,"description":"Stream declared in the DCR, e.g. Custom-KestraLogs."},"authorityHost":{"$ref":"#/$defs/httpUrl","description":"Microsoft Entra authority (token URL base). Default: https://login.microsoftonline.com (log-shipper extension)."},"scope":{"type":"string","description":"Token scope. Default: https://monitor.azure.com//.default (log-shipper extension)."},"options":{"$ref":"#/$defs/httpOptions"},"chunk":{"$ref":"#/$defs/chunk"},"concurrency":{"type":"integer","minimum":1,"maximum":32,"description":"Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations."},"retryBudget":{"$ref":"#/$defs/duration","description":"Longest total time spent retrying one request before the exporter gives up for this run (log-shipper extension). Default PT5M; inside AWS Lambda it is also bounded by the invocation's remaining time."}}},"gcpLoggingExporter":{"title":"GcpLoggingExporter","description":"Google Cloud Logging `entries.write`.","type":"object","additionalProperties":false,"required":["id","type"],"properties":{"type":{"enum":["gcp-logging","io.kestra.plugin.ee.gcp.operationalsuite.LogExporter","io.kestra.plugin.ee.gcp.LogExporter"],"description":"Exporter type: the short alias or a Kestra type name."},"id":{"$ref":"#/$defs/exporterId"},"projectId":{"type":"string","description":"Project that receives the entries. Default: the service account's project."},"serviceAccount":{"$ref":"#/$defs/templatedString","description":"Service-account key JSON. Usually {{ secret('GCP_SERVICE_ACCOUNT') }}."},"impersonatedServiceAccount":{"type":"string","description":"Accepted for Kestra compatibility; impersonation is not supported yet."},"scopes":{"type":"array","items":{"type":"string"},"default":["https://www.googleapis.com/auth/cloud-platform"]},"logName":{"type":"string","description":"Log id inside the project. Default: kestra (log-shipper extension)."},"endpoint":{"$ref":"#/$defs/httpUrl","description":"Cloud Logging API base URL. Default: https://logging.googleapis.com (log-shipper extension). The token URL is the service account's `token_uri`."},"options":{"$ref":"#/$defs/httpOptions"},"chunk":{"$ref":"#/$defs/chunk"},"concurrency":{"type":"integer","minimum":1,"maximum":32,"description":"Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations."},"retryBudget":{"$ref":"#/$defs/duration","description":"Longest total time spent retrying one request before the exporter gives up for this run (log-shipper extension). Default PT5M; inside AWS Lambda it is also bounded by the invocation's remaining time."}}},"cloudWatchExporter":{"title":"CloudWatchExporter","description":"AWS CloudWatch Logs PutLogEvents.","type":"object","additionalProperties":false,"required":["id","type","region","logGroupName","logStreamName"],"properties":{"type":{"enum":["cloudwatch","io.kestra.plugin.ee.aws.cloudwatch.LogExporter","io.kestra.plugin.ee.aws.LogExporter"],"description":"Exporter type: the short alias or a Kestra type name."},"id":{"$ref":"#/$defs/exporterId"},"region":{"$ref":"#/$defs/templatedString","description":"AWS region."},"logGroupName":{"type":"string","minLength":1},"logStreamName":{"type":"string","minLength":1},"accessKeyId":{"$ref":"#/$defs/templatedString","description":"Access key id; without it the default AWS credential chain is used."},"secretKeyId":{"$ref":"#/$defs/templatedString","description":"Secret access key."},"sessionToken":{"$ref":"#/$defs/templatedString","description":"Session token for temporary credentials."},"endpointOverride":{"$ref":"#/$defs/httpUrl","description":"Endpoint URL, e.g. for LocalStack or moto. AWS_ENDPOINT_URL is honoured too."},"createLogStream":{"type":"boolean","description":"Create the log stream when it is missing. Default: true (log-shipper extension)."},"chunk":{"$ref":"#/$defs/chunk"},"concurrency":{"type":"integer","minimum":1,"maximum":32,"description":"Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations."},"retryBudget":{"$ref":"#/$defs/duration","description":"Longest total time spent retrying one request before the exporter gives up for this run (log-shipper extension). Default PT5M; inside AWS Lambda it is also bounded by the invocation's remaining time."}}},"openTelemetryExporter":{"title":"OpenTelemetryExporter","description":"OTLP/HTTP logs, JSON encoding.","type":"object","additionalProperties":false,"required":["id","type","otlpEndpoint"],"properties":{"type":{"enum":["opentelemetry","io.kestra.plugin.ee.opentelemetry.LogExporter"],"description":"Exporter type: the short alias or a Kestra type name."},"id":{"$ref":"#/$defs/exporterId"},"otlpEndpoint":{"$ref":"#/$defs/httpUrl","description":"Full logs URL, e.g. http://localhost:4318/v1/logs."},"authorizationHeaderName":{"type":"string","description":"Header that carries the credentials, e.g. Authorization."},"authorizationHeaderValue":{"$ref":"#/$defs/templatedString","description":"Value of that header, e.g. Bearer {{ secret('OTLP_TOKEN') }}."},"serviceName":{"type":"string","description":"`service.name` resource attribute. Default: kestra (log-shipper extension)."},"options":{"$ref":"#/$defs/httpOptions"},"chunk":{"$ref":"#/$defs/chunk"},"concurrency":{"type":"integer","minimum":1,"maximum":32,"description":"Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations."},"retryBudget":{"$ref":"#/$defs/duration","description":"Longest total time spent retrying one request before the exporter gives up for this run (log-shipper extension). Default PT5M; inside AWS Lambda it is also bounded by the invocation's remaining time."}}},"fileExporter":{"title":"FileExporter","description":"Local files. With `path`, appends JSON lines to that file; without it, writes rotating files `<logFilePrefix>-<localDateTime>.<json|ion>` into `directory`, like Kestra's FileLogExporter.","type":"object","additionalProperties":false,"required":["id","type"],"properties":{"type":{"enum":["file","io.kestra.plugin.ee.core.log.FileLogExporter"],"description":"Exporter type: the short alias or a Kestra type name."},"id":{"$ref":"#/$defs/exporterId"},"path":{"type":"string","minLength":1,"description":"File to append JSON lines to (log-shipper extension). Relative to the config file."},"directory":{"type":"string","minLength":1,"description":"Directory for rotating files when `path` is not set. Default: ./.logshipper/files (log-shipper extension)."},"format":{"enum":["ION","JSON"],"description":"Kestra's format. Default: JSON when `path` is set, else ION (Kestra's default)."},"logFilePrefix":{"type":"string","minLength":1,"default":"kestra-log-file"},"maxLinesPerFile":{"type":"integer","minimum":1,"description":"Rotate after this many lines (without `path`). Default: 100000."},"chunk":{"$ref":"#/$defs/chunk"},"concurrency":{"type":"integer","minimum":1,"maximum":32,"description":"Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations."},"retryBudget":{"$ref":"#/$defs/duration","description":"Longest total time spent retrying one request before the exporter gives up for this run (log-shipper extension). Default PT5M; inside AWS Lambda it is also bounded by the invocation's remaining time."}}}}};
const schema32 = {"title":"Shipper","description":"One log shipper: a source, filters, and one or more exporters.","type":"object","additionalProperties":false,"required":["id","source","logExporters"],"properties":{"id":{"type":"string","pattern":"^[a-zA-Z0-9][a-zA-Z0-9_-]*$","maxLength":128,"description":"Unique id of the shipper."},"description":{"type":"string"},"source":{"$ref":"#/$defs/source"},"schedule":{"$ref":"#/$defs/schedule"},"timezone":{"type":"string","description":"IANA time zone of the schedule. Default: UTC."},"lagThreshold":{"$ref":"#/$defs/duration","description":"Pending work older than this is reported as `lagging` drift. Default: twice the schedule's interval, or PT1H without a schedule."},"logExporters":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/logExporter"},"description":"The destinations. Each keeps its own offset."},"logLevelFilter":{"$ref":"#/$defs/level","description":"Minimum level shipped. Default: INFO. WARNING means WARN."},"lookbackPeriod":{"$ref":"#/$defs/duration","description":"Where the range starts when an exporter has no offset: now minus this period. Default: P1D."},"namespace":{"type":"string","pattern":"^[a-zA-Z0-9][a-zA-Z0-9._-]*$","description":"Only this namespace and its children (`namespace.` prefix)."},"offsetKey":{"type":"string","pattern":"^[a-zA-Z0-9][a-zA-Z0-9._-]*$","description":"Name under which the offsets are stored. Renaming it starts over from the lookback. Default: LogShipper-state."},"batchSize":{"type":"integer","minimum":1,"maximum":100000,"description":"Records read from the source per batch. Default: 1000."},"delete":{"const":false,"description":"Kestra's option to delete shipped logs from the source. Only `false` is supported."}}};
const schema49 = {"type":"string","minLength":1,"description":"Cron expression (5 fields, or 6 with seconds) or @hourly, @daily, @weekly, @monthly, @yearly, @annually, @midnight."};
const schema35 = {"type":"string","pattern":"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$","description":"ISO-8601 duration, e.g. P1D, PT2M, PT0S."};
const schema114 = {"enum":["TRACE","DEBUG","INFO","WARN","WARNING","ERROR"]};
const func1 = Object.prototype.hasOwnProperty;
const func2 = require("ajv/dist/runtime/ucs2length").default;
const pattern4 = new RegExp("^[a-zA-Z0-9][a-zA-Z0-9_-]*$", "u");
const pattern5 = new RegExp("^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$", "u");
const pattern43 = new RegExp("^[a-zA-Z0-9][a-zA-Z0-9._-]*$", "u");
const schema33 = {"title":"Source","oneOf":[{"$ref":"#/$defs/fileSource"},{"$ref":"#/$defs/kestraSource"},{"$ref":"#/$defs/cloudWatchSource"}],"discriminator":{"propertyName":"type"},"type":"object"};
const schema34 = {"title":"FileSource","description":"JSON-lines files in Kestra's log model. Each file must be append-only and in timestamp order; a line older than the one before it is shipped at the position of the one before it.","type":"object","additionalProperties":false,"required":["type","path"],"properties":{"type":{"const":"file"},"path":{"type":"string","minLength":1,"description":"Glob of JSON-lines files, relative to the config file."},"maxLineBytes":{"type":"integer","minimum":1024,"description":"Longer lines are counted as invalid and skipped. Default: 4194304 (4 MiB)."},"settleDelay":{"$ref":"#/$defs/duration","description":"The range ends at now minus this delay. Default: PT0S."}}};

function validate23(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate23.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema34.required,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.path === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'",schema:schema34.required,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "type") || (key0 === "path")) || (key0 === "maxLineBytes")) || (key0 === "settleDelay"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if("file" !== data0){
const err3 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "file"},message:"must be equal to constant",schema:"file",parentSchema:schema34.properties.type,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.path !== undefined){
let data1 = data.path;
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err4 = {instancePath:instancePath+"/path",schemaPath:"#/properties/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema34.properties.path,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/path",schemaPath:"#/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.properties.path.type,parentSchema:schema34.properties.path,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.maxLineBytes !== undefined){
let data2 = data.maxLineBytes;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err6 = {instancePath:instancePath+"/maxLineBytes",schemaPath:"#/properties/maxLineBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema34.properties.maxLineBytes.type,parentSchema:schema34.properties.maxLineBytes,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 1024 || isNaN(data2)){
const err7 = {instancePath:instancePath+"/maxLineBytes",schemaPath:"#/properties/maxLineBytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1024},message:"must be >= 1024",schema:1024,parentSchema:schema34.properties.maxLineBytes,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
if(data.settleDelay !== undefined){
let data3 = data.settleDelay;
if(typeof data3 === "string"){
if(!pattern5.test(data3)){
const err8 = {instancePath:instancePath+"/settleDelay",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"},message:"must match pattern \""+"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"+"\"",schema:"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$",parentSchema:schema35,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/settleDelay",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema34.type,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate23.errors = vErrors;
return errors === 0;
}
validate23.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema36 = {"title":"KestraSource","description":"Kestra's REST log search API.","type":"object","additionalProperties":false,"required":["type"],"properties":{"type":{"const":"kestra"},"url":{"$ref":"#/$defs/httpUrl","description":"Kestra base URL. Default: the KESTRA_URL environment variable."},"tenant":{"type":"string","pattern":"^[a-z0-9][a-z0-9_-]*$","description":"Tenant id. Without it the legacy path /api/v1/logs/search is used."},"auth":{"oneOf":[{"title":"KestraBasicAuth","type":"object","additionalProperties":false,"required":["type","username","password"],"properties":{"type":{"const":"basic"},"username":{"$ref":"#/$defs/templatedString"},"password":{"$ref":"#/$defs/templatedString"}}},{"title":"KestraBearerAuth","type":"object","additionalProperties":false,"required":["type","token"],"properties":{"type":{"const":"bearer"},"token":{"$ref":"#/$defs/templatedString"}}}],"description":"Default: KESTRA_API_TOKEN, or KESTRA_USERNAME/KESTRA_PASSWORD, from the environment.","type":"object","discriminator":{"propertyName":"type"}},"pageSize":{"type":"integer","minimum":1,"maximum":10000,"description":"Results per page. Default: 500."},"settleDelay":{"$ref":"#/$defs/duration","description":"The range ends at now minus this delay. Default: PT30S."}}};
const schema37 = {"type":"string","pattern":"^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$","description":"An http(s) URL, or a template that renders to one."};
const schema38 = {"type":"string","description":"A string that may hold {{ secret('NAME') }} or {{ vars.NAME }} expressions."};
const pattern6 = new RegExp("^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$", "u");
const pattern7 = new RegExp("^[a-z0-9][a-z0-9_-]*$", "u");

function validate24(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate24.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema36.required,parentSchema:schema36,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((((((key0 === "type") || (key0 === "url")) || (key0 === "tenant")) || (key0 === "auth")) || (key0 === "pageSize")) || (key0 === "settleDelay"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema36,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if("kestra" !== data0){
const err2 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "kestra"},message:"must be equal to constant",schema:"kestra",parentSchema:schema36.properties.type,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.url !== undefined){
let data1 = data.url;
if(typeof data1 === "string"){
if(!pattern6.test(data1)){
const err3 = {instancePath:instancePath+"/url",schemaPath:"#/$defs/httpUrl/pattern",keyword:"pattern",params:{pattern: "^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$"},message:"must match pattern \""+"^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$"+"\"",schema:"^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$",parentSchema:schema37,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/url",schemaPath:"#/$defs/httpUrl/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.type,parentSchema:schema37,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.tenant !== undefined){
let data2 = data.tenant;
if(typeof data2 === "string"){
if(!pattern7.test(data2)){
const err5 = {instancePath:instancePath+"/tenant",schemaPath:"#/properties/tenant/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9_-]*$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9_-]*$"+"\"",schema:"^[a-z0-9][a-z0-9_-]*$",parentSchema:schema36.properties.tenant,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/tenant",schemaPath:"#/properties/tenant/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema36.properties.tenant.type,parentSchema:schema36.properties.tenant,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.auth !== undefined){
let data3 = data.auth;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
const tag0 = data3.type;
if(typeof tag0 == "string"){
if(tag0 === "basic"){
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.type === undefined){
const err7 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/oneOf/0/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema36.properties.auth.oneOf[0].required,parentSchema:schema36.properties.auth.oneOf[0],data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data3.username === undefined){
const err8 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/oneOf/0/required",keyword:"required",params:{missingProperty: "username"},message:"must have required property '"+"username"+"'",schema:schema36.properties.auth.oneOf[0].required,parentSchema:schema36.properties.auth.oneOf[0],data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data3.password === undefined){
const err9 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/oneOf/0/required",keyword:"required",params:{missingProperty: "password"},message:"must have required property '"+"password"+"'",schema:schema36.properties.auth.oneOf[0].required,parentSchema:schema36.properties.auth.oneOf[0],data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key1 in data3){
if(!(((key1 === "type") || (key1 === "username")) || (key1 === "password"))){
const err10 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/oneOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema36.properties.auth.oneOf[0],data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data3.type !== undefined){
let data4 = data3.type;
if("basic" !== data4){
const err11 = {instancePath:instancePath+"/auth/type",schemaPath:"#/properties/auth/oneOf/0/properties/type/const",keyword:"const",params:{allowedValue: "basic"},message:"must be equal to constant",schema:"basic",parentSchema:schema36.properties.auth.oneOf[0].properties.type,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data3.username !== undefined){
let data5 = data3.username;
if(typeof data5 !== "string"){
const err12 = {instancePath:instancePath+"/auth/username",schemaPath:"#/$defs/templatedString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data3.password !== undefined){
let data6 = data3.password;
if(typeof data6 !== "string"){
const err13 = {instancePath:instancePath+"/auth/password",schemaPath:"#/$defs/templatedString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/oneOf/0/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema36.properties.auth.oneOf[0].type,parentSchema:schema36.properties.auth.oneOf[0],data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
var props0 = true;
}
else if(tag0 === "bearer"){
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.type === undefined){
const err15 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/oneOf/1/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema36.properties.auth.oneOf[1].required,parentSchema:schema36.properties.auth.oneOf[1],data:data3};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(data3.token === undefined){
const err16 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/oneOf/1/required",keyword:"required",params:{missingProperty: "token"},message:"must have required property '"+"token"+"'",schema:schema36.properties.auth.oneOf[1].required,parentSchema:schema36.properties.auth.oneOf[1],data:data3};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
for(const key2 in data3){
if(!((key2 === "type") || (key2 === "token"))){
const err17 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema36.properties.auth.oneOf[1],data:data3};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data3.type !== undefined){
let data7 = data3.type;
if("bearer" !== data7){
const err18 = {instancePath:instancePath+"/auth/type",schemaPath:"#/properties/auth/oneOf/1/properties/type/const",keyword:"const",params:{allowedValue: "bearer"},message:"must be equal to constant",schema:"bearer",parentSchema:schema36.properties.auth.oneOf[1].properties.type,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data3.token !== undefined){
let data8 = data3.token;
if(typeof data8 !== "string"){
const err19 = {instancePath:instancePath+"/auth/token",schemaPath:"#/$defs/templatedString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema36.properties.auth.oneOf[1].type,parentSchema:schema36.properties.auth.oneOf[1],data:data3};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(props0 !== true){
props0 = true;
}
}
else {
const err21 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/discriminator",keyword:"discriminator",params:{error: "mapping", tag: "type", tagValue: tag0},message:"value of tag \"type\" must be in oneOf",schema:schema36.properties.auth.discriminator,parentSchema:schema36.properties.auth,data:data3};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/discriminator",keyword:"discriminator",params:{error: "tag", tag: "type", tagValue: tag0},message:"tag \"type\" must be string",schema:schema36.properties.auth.discriminator,parentSchema:schema36.properties.auth,data:data3};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema36.properties.auth.type,parentSchema:schema36.properties.auth,data:data3};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data.pageSize !== undefined){
let data9 = data.pageSize;
if(!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))){
const err24 = {instancePath:instancePath+"/pageSize",schemaPath:"#/properties/pageSize/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema36.properties.pageSize.type,parentSchema:schema36.properties.pageSize,data:data9};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 > 10000 || isNaN(data9)){
const err25 = {instancePath:instancePath+"/pageSize",schemaPath:"#/properties/pageSize/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10000},message:"must be <= 10000",schema:10000,parentSchema:schema36.properties.pageSize,data:data9};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(data9 < 1 || isNaN(data9)){
const err26 = {instancePath:instancePath+"/pageSize",schemaPath:"#/properties/pageSize/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema36.properties.pageSize,data:data9};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
if(data.settleDelay !== undefined){
let data10 = data.settleDelay;
if(typeof data10 === "string"){
if(!pattern5.test(data10)){
const err27 = {instancePath:instancePath+"/settleDelay",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"},message:"must match pattern \""+"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"+"\"",schema:"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$",parentSchema:schema35,data:data10};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
else {
const err28 = {instancePath:instancePath+"/settleDelay",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data10};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
else {
const err29 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema36.type,parentSchema:schema36,data};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
validate24.errors = vErrors;
return errors === 0;
}
validate24.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema42 = {"title":"CloudWatchSource","description":"AWS CloudWatch Logs FilterLogEvents. Give exactly one of logGroupNames and logGroupNamePrefix.","type":"object","additionalProperties":false,"required":["type","region"],"properties":{"type":{"const":"cloudwatch"},"region":{"$ref":"#/$defs/templatedString"},"logGroupNames":{"type":"array","minItems":1,"items":{"type":"string","minLength":1}},"logGroupNamePrefix":{"type":"string","minLength":1},"filterPattern":{"type":"string"},"accessKeyId":{"$ref":"#/$defs/templatedString"},"secretKeyId":{"$ref":"#/$defs/templatedString"},"sessionToken":{"$ref":"#/$defs/templatedString"},"endpointOverride":{"$ref":"#/$defs/httpUrl","description":"Endpoint URL, e.g. for LocalStack or moto. AWS_ENDPOINT_URL is honoured too."},"settleDelay":{"$ref":"#/$defs/duration","description":"The range ends at now minus this delay, so late-ingested events are not skipped. Default: PT2M."}}};

function validate25(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate25.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema42.required,parentSchema:schema42,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.region === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "region"},message:"must have required property '"+"region"+"'",schema:schema42.required,parentSchema:schema42,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema42.properties, key0))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema42,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if("cloudwatch" !== data0){
const err3 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "cloudwatch"},message:"must be equal to constant",schema:"cloudwatch",parentSchema:schema42.properties.type,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.region !== undefined){
let data1 = data.region;
if(typeof data1 !== "string"){
const err4 = {instancePath:instancePath+"/region",schemaPath:"#/$defs/templatedString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.logGroupNames !== undefined){
let data2 = data.logGroupNames;
if(Array.isArray(data2)){
if(data2.length < 1){
const err5 = {instancePath:instancePath+"/logGroupNames",schemaPath:"#/properties/logGroupNames/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema42.properties.logGroupNames,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err6 = {instancePath:instancePath+"/logGroupNames/" + i0,schemaPath:"#/properties/logGroupNames/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema42.properties.logGroupNames.items,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/logGroupNames/" + i0,schemaPath:"#/properties/logGroupNames/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.properties.logGroupNames.items.type,parentSchema:schema42.properties.logGroupNames.items,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath:instancePath+"/logGroupNames",schemaPath:"#/properties/logGroupNames/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema42.properties.logGroupNames.type,parentSchema:schema42.properties.logGroupNames,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.logGroupNamePrefix !== undefined){
let data4 = data.logGroupNamePrefix;
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err9 = {instancePath:instancePath+"/logGroupNamePrefix",schemaPath:"#/properties/logGroupNamePrefix/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema42.properties.logGroupNamePrefix,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/logGroupNamePrefix",schemaPath:"#/properties/logGroupNamePrefix/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.properties.logGroupNamePrefix.type,parentSchema:schema42.properties.logGroupNamePrefix,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.filterPattern !== undefined){
let data5 = data.filterPattern;
if(typeof data5 !== "string"){
const err11 = {instancePath:instancePath+"/filterPattern",schemaPath:"#/properties/filterPattern/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.properties.filterPattern.type,parentSchema:schema42.properties.filterPattern,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.accessKeyId !== undefined){
let data6 = data.accessKeyId;
if(typeof data6 !== "string"){
const err12 = {instancePath:instancePath+"/accessKeyId",schemaPath:"#/$defs/templatedString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data6};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.secretKeyId !== undefined){
let data7 = data.secretKeyId;
if(typeof data7 !== "string"){
const err13 = {instancePath:instancePath+"/secretKeyId",schemaPath:"#/$defs/templatedString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data7};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.sessionToken !== undefined){
let data8 = data.sessionToken;
if(typeof data8 !== "string"){
const err14 = {instancePath:instancePath+"/sessionToken",schemaPath:"#/$defs/templatedString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data8};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.endpointOverride !== undefined){
let data9 = data.endpointOverride;
if(typeof data9 === "string"){
if(!pattern6.test(data9)){
const err15 = {instancePath:instancePath+"/endpointOverride",schemaPath:"#/$defs/httpUrl/pattern",keyword:"pattern",params:{pattern: "^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$"},message:"must match pattern \""+"^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$"+"\"",schema:"^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$",parentSchema:schema37,data:data9};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/endpointOverride",schemaPath:"#/$defs/httpUrl/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.type,parentSchema:schema37,data:data9};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.settleDelay !== undefined){
let data10 = data.settleDelay;
if(typeof data10 === "string"){
if(!pattern5.test(data10)){
const err17 = {instancePath:instancePath+"/settleDelay",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"},message:"must match pattern \""+"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"+"\"",schema:"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$",parentSchema:schema35,data:data10};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/settleDelay",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data10};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema42.type,parentSchema:schema42,data};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
validate25.errors = vErrors;
return errors === 0;
}
validate25.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate22.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
const tag0 = data.type;
if(typeof tag0 == "string"){
if(tag0 === "file"){
if(!(validate23(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
var props0 = true;
}
else if(tag0 === "kestra"){
if(!(validate24(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "cloudwatch"){
if(!(validate25(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else {
const err0 = {instancePath,schemaPath:"#/discriminator",keyword:"discriminator",params:{error: "mapping", tag: "type", tagValue: tag0},message:"value of tag \"type\" must be in oneOf",schema:schema33.discriminator,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
else {
const err1 = {instancePath,schemaPath:"#/discriminator",keyword:"discriminator",params:{error: "tag", tag: "type", tagValue: tag0},message:"tag \"type\" must be string",schema:schema33.discriminator,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema33.type,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
validate22.errors = vErrors;
evaluated0.props = props0;
return errors === 0;
}
validate22.evaluated = {"dynamicProps":true,"dynamicItems":false};

const schema51 = {"title":"LogExporter","oneOf":[{"$ref":"#/$defs/datadogExporter"},{"$ref":"#/$defs/elasticsearchExporter"},{"$ref":"#/$defs/newRelicExporter"},{"$ref":"#/$defs/azureMonitorExporter"},{"$ref":"#/$defs/gcpLoggingExporter"},{"$ref":"#/$defs/cloudWatchExporter"},{"$ref":"#/$defs/openTelemetryExporter"},{"$ref":"#/$defs/fileExporter"}],"discriminator":{"propertyName":"type"},"type":"object"};
const schema52 = {"title":"DatadogExporter","description":"Datadog Logs HTTP intake v2 (POST {basePath}/api/v2/logs).","type":"object","additionalProperties":false,"required":["id","type","basePath","apiKey"],"properties":{"type":{"enum":["datadog","io.kestra.plugin.ee.datadog.LogExporter"],"description":"Exporter type: the short alias or a Kestra type name."},"id":{"$ref":"#/$defs/exporterId"},"basePath":{"$ref":"#/$defs/httpUrl","description":"Region intake base URL, e.g. https://http-intake.logs.datadoghq.eu; `/api/v2/logs` is appended."},"apiKey":{"$ref":"#/$defs/templatedString","description":"Datadog API key, sent as the DD-API-KEY header. Usually {{ secret('DATADOG_API_KEY') }}."},"options":{"$ref":"#/$defs/httpOptions"},"service":{"type":"string","description":"Datadog `service` attribute. Default: kestra."},"ddsource":{"type":"string","description":"Datadog `ddsource` attribute. Default: kestra."},"ddtags":{"type":"string","description":"Extra Datadog tags, `k:v,k2:v2`, added to the generated ones."},"hostname":{"type":"string","description":"Datadog `hostname` attribute."},"chunk":{"$ref":"#/$defs/chunk"},"concurrency":{"type":"integer","minimum":1,"maximum":32,"description":"Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations."},"retryBudget":{"$ref":"#/$defs/duration","description":"Longest total time spent retrying one request before the exporter gives up for this run (log-shipper extension). Default PT5M; inside AWS Lambda it is also bounded by the invocation's remaining time."}}};
const schema53 = {"type":"string","pattern":"^[a-zA-Z0-9][a-zA-Z0-9_-]*$","maxLength":128};
const schema63 = {"type":"integer","minimum":1,"maximum":100000,"description":"Entries per request (Kestra's `chunk`). The destination's own limits can make requests smaller. Default: 1000."};
const schema56 = {"title":"HttpOptions","description":"Kestra's HTTP client options (io.kestra.core.http.client.configurations.HttpConfiguration). log-shipper honours the timeouts and `ssl.insecureTrustAllCertificates`; redirects are never followed for log uploads, so credentials cannot leak to another host; the other keys are accepted so that Kestra YAML validates unchanged.","type":"object","additionalProperties":false,"properties":{"timeout":{"type":"object","additionalProperties":false,"properties":{"connectTimeout":{"$ref":"#/$defs/duration"},"readIdleTimeout":{"$ref":"#/$defs/duration"}}},"connectTimeout":{"$ref":"#/$defs/duration"},"readTimeout":{"$ref":"#/$defs/duration"},"readIdleTimeout":{"$ref":"#/$defs/duration"},"connectionPoolIdleTimeout":{"$ref":"#/$defs/duration"},"maxContentLength":{"type":"integer"},"followRedirects":{"type":"boolean"},"allowFailed":{"type":"boolean"},"allowedResponseCodes":{"type":"array","items":{"type":"integer"}},"defaultCharset":{"type":"string"},"logs":{"type":"array","items":{"type":"string"}},"logLevel":{"type":"string"},"ssl":{"type":"object","additionalProperties":false,"properties":{"insecureTrustAllCertificates":{"type":"boolean","description":"Turns off TLS certificate verification. Explicit and warned about."}}},"proxy":{"type":"object","additionalProperties":false,"properties":{"type":{"type":"string"},"address":{"type":"string"},"port":{"type":"integer"},"username":{"type":"string"},"password":{"type":"string"}}},"auth":{"type":"object","additionalProperties":false,"properties":{"type":{"type":"string"},"username":{"type":"string"},"password":{"type":"string"},"token":{"type":"string"}}},"proxyType":{"type":"string"},"proxyAddress":{"type":"string"},"proxyPort":{"type":"integer"},"proxyUsername":{"type":"string"},"proxyPassword":{"type":"string"},"basicAuthUser":{"type":"string"},"basicAuthPassword":{"type":"string"}}};

function validate32(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate32.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func1.call(schema56.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema56,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.timeout !== undefined){
let data0 = data.timeout;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
for(const key1 in data0){
if(!((key1 === "connectTimeout") || (key1 === "readIdleTimeout"))){
const err1 = {instancePath:instancePath+"/timeout",schemaPath:"#/properties/timeout/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema56.properties.timeout,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data0.connectTimeout !== undefined){
let data1 = data0.connectTimeout;
if(typeof data1 === "string"){
if(!pattern5.test(data1)){
const err2 = {instancePath:instancePath+"/timeout/connectTimeout",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"},message:"must match pattern \""+"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"+"\"",schema:"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$",parentSchema:schema35,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/timeout/connectTimeout",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data0.readIdleTimeout !== undefined){
let data2 = data0.readIdleTimeout;
if(typeof data2 === "string"){
if(!pattern5.test(data2)){
const err4 = {instancePath:instancePath+"/timeout/readIdleTimeout",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"},message:"must match pattern \""+"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"+"\"",schema:"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$",parentSchema:schema35,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/timeout/readIdleTimeout",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
else {
const err6 = {instancePath:instancePath+"/timeout",schemaPath:"#/properties/timeout/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema56.properties.timeout.type,parentSchema:schema56.properties.timeout,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.connectTimeout !== undefined){
let data3 = data.connectTimeout;
if(typeof data3 === "string"){
if(!pattern5.test(data3)){
const err7 = {instancePath:instancePath+"/connectTimeout",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"},message:"must match pattern \""+"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"+"\"",schema:"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$",parentSchema:schema35,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/connectTimeout",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.readTimeout !== undefined){
let data4 = data.readTimeout;
if(typeof data4 === "string"){
if(!pattern5.test(data4)){
const err9 = {instancePath:instancePath+"/readTimeout",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"},message:"must match pattern \""+"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"+"\"",schema:"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$",parentSchema:schema35,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/readTimeout",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.readIdleTimeout !== undefined){
let data5 = data.readIdleTimeout;
if(typeof data5 === "string"){
if(!pattern5.test(data5)){
const err11 = {instancePath:instancePath+"/readIdleTimeout",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"},message:"must match pattern \""+"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"+"\"",schema:"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$",parentSchema:schema35,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/readIdleTimeout",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.connectionPoolIdleTimeout !== undefined){
let data6 = data.connectionPoolIdleTimeout;
if(typeof data6 === "string"){
if(!pattern5.test(data6)){
const err13 = {instancePath:instancePath+"/connectionPoolIdleTimeout",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"},message:"must match pattern \""+"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"+"\"",schema:"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$",parentSchema:schema35,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/connectionPoolIdleTimeout",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.maxContentLength !== undefined){
let data7 = data.maxContentLength;
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
const err15 = {instancePath:instancePath+"/maxContentLength",schemaPath:"#/properties/maxContentLength/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema56.properties.maxContentLength.type,parentSchema:schema56.properties.maxContentLength,data:data7};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.followRedirects !== undefined){
let data8 = data.followRedirects;
if(typeof data8 !== "boolean"){
const err16 = {instancePath:instancePath+"/followRedirects",schemaPath:"#/properties/followRedirects/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema56.properties.followRedirects.type,parentSchema:schema56.properties.followRedirects,data:data8};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.allowFailed !== undefined){
let data9 = data.allowFailed;
if(typeof data9 !== "boolean"){
const err17 = {instancePath:instancePath+"/allowFailed",schemaPath:"#/properties/allowFailed/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema56.properties.allowFailed.type,parentSchema:schema56.properties.allowFailed,data:data9};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.allowedResponseCodes !== undefined){
let data10 = data.allowedResponseCodes;
if(Array.isArray(data10)){
const len0 = data10.length;
for(let i0=0; i0<len0; i0++){
let data11 = data10[i0];
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err18 = {instancePath:instancePath+"/allowedResponseCodes/" + i0,schemaPath:"#/properties/allowedResponseCodes/items/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema56.properties.allowedResponseCodes.items.type,parentSchema:schema56.properties.allowedResponseCodes.items,data:data11};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath:instancePath+"/allowedResponseCodes",schemaPath:"#/properties/allowedResponseCodes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema56.properties.allowedResponseCodes.type,parentSchema:schema56.properties.allowedResponseCodes,data:data10};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.defaultCharset !== undefined){
let data12 = data.defaultCharset;
if(typeof data12 !== "string"){
const err20 = {instancePath:instancePath+"/defaultCharset",schemaPath:"#/properties/defaultCharset/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema56.properties.defaultCharset.type,parentSchema:schema56.properties.defaultCharset,data:data12};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.logs !== undefined){
let data13 = data.logs;
if(Array.isArray(data13)){
const len1 = data13.length;
for(let i1=0; i1<len1; i1++){
let data14 = data13[i1];
if(typeof data14 !== "string"){
const err21 = {instancePath:instancePath+"/logs/" + i1,schemaPath:"#/properties/logs/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema56.properties.logs.items.type,parentSchema:schema56.properties.logs.items,data:data14};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath:instancePath+"/logs",schemaPath:"#/properties/logs/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema56.properties.logs.type,parentSchema:schema56.properties.logs,data:data13};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.logLevel !== undefined){
let data15 = data.logLevel;
if(typeof data15 !== "string"){
const err23 = {instancePath:instancePath+"/logLevel",schemaPath:"#/properties/logLevel/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema56.properties.logLevel.type,parentSchema:schema56.properties.logLevel,data:data15};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data.ssl !== undefined){
let data16 = data.ssl;
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
for(const key2 in data16){
if(!(key2 === "insecureTrustAllCertificates")){
const err24 = {instancePath:instancePath+"/ssl",schemaPath:"#/properties/ssl/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema56.properties.ssl,data:data16};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data16.insecureTrustAllCertificates !== undefined){
let data17 = data16.insecureTrustAllCertificates;
if(typeof data17 !== "boolean"){
const err25 = {instancePath:instancePath+"/ssl/insecureTrustAllCertificates",schemaPath:"#/properties/ssl/properties/insecureTrustAllCertificates/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema56.properties.ssl.properties.insecureTrustAllCertificates.type,parentSchema:schema56.properties.ssl.properties.insecureTrustAllCertificates,data:data17};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
else {
const err26 = {instancePath:instancePath+"/ssl",schemaPath:"#/properties/ssl/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema56.properties.ssl.type,parentSchema:schema56.properties.ssl,data:data16};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data.proxy !== undefined){
let data18 = data.proxy;
if(data18 && typeof data18 == "object" && !Array.isArray(data18)){
for(const key3 in data18){
if(!(((((key3 === "type") || (key3 === "address")) || (key3 === "port")) || (key3 === "username")) || (key3 === "password"))){
const err27 = {instancePath:instancePath+"/proxy",schemaPath:"#/properties/proxy/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema56.properties.proxy,data:data18};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data18.type !== undefined){
let data19 = data18.type;
if(typeof data19 !== "string"){
const err28 = {instancePath:instancePath+"/proxy/type",schemaPath:"#/properties/proxy/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema56.properties.proxy.properties.type.type,parentSchema:schema56.properties.proxy.properties.type,data:data19};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data18.address !== undefined){
let data20 = data18.address;
if(typeof data20 !== "string"){
const err29 = {instancePath:instancePath+"/proxy/address",schemaPath:"#/properties/proxy/properties/address/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema56.properties.proxy.properties.address.type,parentSchema:schema56.properties.proxy.properties.address,data:data20};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data18.port !== undefined){
let data21 = data18.port;
if(!(((typeof data21 == "number") && (!(data21 % 1) && !isNaN(data21))) && (isFinite(data21)))){
const err30 = {instancePath:instancePath+"/proxy/port",schemaPath:"#/properties/proxy/properties/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema56.properties.proxy.properties.port.type,parentSchema:schema56.properties.proxy.properties.port,data:data21};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data18.username !== undefined){
let data22 = data18.username;
if(typeof data22 !== "string"){
const err31 = {instancePath:instancePath+"/proxy/username",schemaPath:"#/properties/proxy/properties/username/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema56.properties.proxy.properties.username.type,parentSchema:schema56.properties.proxy.properties.username,data:data22};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data18.password !== undefined){
let data23 = data18.password;
if(typeof data23 !== "string"){
const err32 = {instancePath:instancePath+"/proxy/password",schemaPath:"#/properties/proxy/properties/password/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema56.properties.proxy.properties.password.type,parentSchema:schema56.properties.proxy.properties.password,data:data23};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
else {
const err33 = {instancePath:instancePath+"/proxy",schemaPath:"#/properties/proxy/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema56.properties.proxy.type,parentSchema:schema56.properties.proxy,data:data18};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data.auth !== undefined){
let data24 = data.auth;
if(data24 && typeof data24 == "object" && !Array.isArray(data24)){
for(const key4 in data24){
if(!((((key4 === "type") || (key4 === "username")) || (key4 === "password")) || (key4 === "token"))){
const err34 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema56.properties.auth,data:data24};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data24.type !== undefined){
let data25 = data24.type;
if(typeof data25 !== "string"){
const err35 = {instancePath:instancePath+"/auth/type",schemaPath:"#/properties/auth/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema56.properties.auth.properties.type.type,parentSchema:schema56.properties.auth.properties.type,data:data25};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data24.username !== undefined){
let data26 = data24.username;
if(typeof data26 !== "string"){
const err36 = {instancePath:instancePath+"/auth/username",schemaPath:"#/properties/auth/properties/username/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema56.properties.auth.properties.username.type,parentSchema:schema56.properties.auth.properties.username,data:data26};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data24.password !== undefined){
let data27 = data24.password;
if(typeof data27 !== "string"){
const err37 = {instancePath:instancePath+"/auth/password",schemaPath:"#/properties/auth/properties/password/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema56.properties.auth.properties.password.type,parentSchema:schema56.properties.auth.properties.password,data:data27};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data24.token !== undefined){
let data28 = data24.token;
if(typeof data28 !== "string"){
const err38 = {instancePath:instancePath+"/auth/token",schemaPath:"#/properties/auth/properties/token/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema56.properties.auth.properties.token.type,parentSchema:schema56.properties.auth.properties.token,data:data28};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
}
else {
const err39 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema56.properties.auth.type,parentSchema:schema56.properties.auth,data:data24};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data.proxyType !== undefined){
let data29 = data.proxyType;
if(typeof data29 !== "string"){
const err40 = {instancePath:instancePath+"/proxyType",schemaPath:"#/properties/proxyType/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema56.properties.proxyType.type,parentSchema:schema56.properties.proxyType,data:data29};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data.proxyAddress !== undefined){
let data30 = data.proxyAddress;
if(typeof data30 !== "string"){
const err41 = {instancePath:instancePath+"/proxyAddress",schemaPath:"#/properties/proxyAddress/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema56.properties.proxyAddress.type,parentSchema:schema56.properties.proxyAddress,data:data30};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data.proxyPort !== undefined){
let data31 = data.proxyPort;
if(!(((typeof data31 == "number") && (!(data31 % 1) && !isNaN(data31))) && (isFinite(data31)))){
const err42 = {instancePath:instancePath+"/proxyPort",schemaPath:"#/properties/proxyPort/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema56.properties.proxyPort.type,parentSchema:schema56.properties.proxyPort,data:data31};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data.proxyUsername !== undefined){
let data32 = data.proxyUsername;
if(typeof data32 !== "string"){
const err43 = {instancePath:instancePath+"/proxyUsername",schemaPath:"#/properties/proxyUsername/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema56.properties.proxyUsername.type,parentSchema:schema56.properties.proxyUsername,data:data32};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data.proxyPassword !== undefined){
let data33 = data.proxyPassword;
if(typeof data33 !== "string"){
const err44 = {instancePath:instancePath+"/proxyPassword",schemaPath:"#/properties/proxyPassword/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema56.properties.proxyPassword.type,parentSchema:schema56.properties.proxyPassword,data:data33};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data.basicAuthUser !== undefined){
let data34 = data.basicAuthUser;
if(typeof data34 !== "string"){
const err45 = {instancePath:instancePath+"/basicAuthUser",schemaPath:"#/properties/basicAuthUser/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema56.properties.basicAuthUser.type,parentSchema:schema56.properties.basicAuthUser,data:data34};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data.basicAuthPassword !== undefined){
let data35 = data.basicAuthPassword;
if(typeof data35 !== "string"){
const err46 = {instancePath:instancePath+"/basicAuthPassword",schemaPath:"#/properties/basicAuthPassword/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema56.properties.basicAuthPassword.type,parentSchema:schema56.properties.basicAuthPassword,data:data35};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
}
else {
const err47 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema56.type,parentSchema:schema56,data};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
validate32.errors = vErrors;
return errors === 0;
}
validate32.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate31(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate31.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema52.required,parentSchema:schema52,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.type === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema52.required,parentSchema:schema52,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.basePath === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "basePath"},message:"must have required property '"+"basePath"+"'",schema:schema52.required,parentSchema:schema52,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.apiKey === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "apiKey"},message:"must have required property '"+"apiKey"+"'",schema:schema52.required,parentSchema:schema52,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema52.properties, key0))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema52,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if(!((data0 === "datadog") || (data0 === "io.kestra.plugin.ee.datadog.LogExporter"))){
const err5 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/enum",keyword:"enum",params:{allowedValues: schema52.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema52.properties.type.enum,parentSchema:schema52.properties.type,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.id !== undefined){
let data1 = data.id;
if(typeof data1 === "string"){
if(func2(data1) > 128){
const err6 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!pattern4.test(data1)){
const err7 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9][a-zA-Z0-9_-]*$"},message:"must match pattern \""+"^[a-zA-Z0-9][a-zA-Z0-9_-]*$"+"\"",schema:"^[a-zA-Z0-9][a-zA-Z0-9_-]*$",parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.basePath !== undefined){
let data2 = data.basePath;
if(typeof data2 === "string"){
if(!pattern6.test(data2)){
const err9 = {instancePath:instancePath+"/basePath",schemaPath:"#/$defs/httpUrl/pattern",keyword:"pattern",params:{pattern: "^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$"},message:"must match pattern \""+"^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$"+"\"",schema:"^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$",parentSchema:schema37,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/basePath",schemaPath:"#/$defs/httpUrl/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.type,parentSchema:schema37,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.apiKey !== undefined){
let data3 = data.apiKey;
if(typeof data3 !== "string"){
const err11 = {instancePath:instancePath+"/apiKey",schemaPath:"#/$defs/templatedString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.options !== undefined){
if(!(validate32(data.options, {instancePath:instancePath+"/options",parentData:data,parentDataProperty:"options",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);
errors = vErrors.length;
}
}
if(data.service !== undefined){
let data5 = data.service;
if(typeof data5 !== "string"){
const err12 = {instancePath:instancePath+"/service",schemaPath:"#/properties/service/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema52.properties.service.type,parentSchema:schema52.properties.service,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.ddsource !== undefined){
let data6 = data.ddsource;
if(typeof data6 !== "string"){
const err13 = {instancePath:instancePath+"/ddsource",schemaPath:"#/properties/ddsource/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema52.properties.ddsource.type,parentSchema:schema52.properties.ddsource,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.ddtags !== undefined){
let data7 = data.ddtags;
if(typeof data7 !== "string"){
const err14 = {instancePath:instancePath+"/ddtags",schemaPath:"#/properties/ddtags/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema52.properties.ddtags.type,parentSchema:schema52.properties.ddtags,data:data7};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.hostname !== undefined){
let data8 = data.hostname;
if(typeof data8 !== "string"){
const err15 = {instancePath:instancePath+"/hostname",schemaPath:"#/properties/hostname/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema52.properties.hostname.type,parentSchema:schema52.properties.hostname,data:data8};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.chunk !== undefined){
let data9 = data.chunk;
if(!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))){
const err16 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema63.type,parentSchema:schema63,data:data9};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 > 100000 || isNaN(data9)){
const err17 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema63,data:data9};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(data9 < 1 || isNaN(data9)){
const err18 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema63,data:data9};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
if(data.concurrency !== undefined){
let data10 = data.concurrency;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err19 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema52.properties.concurrency.type,parentSchema:schema52.properties.concurrency,data:data10};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 > 32 || isNaN(data10)){
const err20 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/maximum",keyword:"maximum",params:{comparison: "<=", limit: 32},message:"must be <= 32",schema:32,parentSchema:schema52.properties.concurrency,data:data10};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data10 < 1 || isNaN(data10)){
const err21 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema52.properties.concurrency,data:data10};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
if(data.retryBudget !== undefined){
let data11 = data.retryBudget;
if(typeof data11 === "string"){
if(!pattern5.test(data11)){
const err22 = {instancePath:instancePath+"/retryBudget",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"},message:"must match pattern \""+"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"+"\"",schema:"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$",parentSchema:schema35,data:data11};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/retryBudget",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data11};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema52.type,parentSchema:schema52,data};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
validate31.errors = vErrors;
return errors === 0;
}
validate31.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema65 = {"title":"ElasticsearchExporter","description":"Elasticsearch or OpenSearch `_bulk` API with `create` actions and deterministic document ids.","type":"object","additionalProperties":false,"required":["id","type","connection","indexName"],"properties":{"type":{"enum":["elasticsearch","opensearch","io.kestra.plugin.ee.elasticsearch.LogExporter","io.kestra.plugin.elasticsearch.LogExporter","io.kestra.plugin.ee.opensearch.LogExporter"],"description":"Exporter type: the short alias or a Kestra type name."},"id":{"$ref":"#/$defs/exporterId"},"connection":{"title":"ElasticsearchConnection","type":"object","additionalProperties":false,"required":["hosts"],"properties":{"hosts":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/httpUrl"},"description":"Node URLs with scheme and port."},"basicAuth":{"type":"object","additionalProperties":false,"properties":{"username":{"$ref":"#/$defs/templatedString"},"password":{"$ref":"#/$defs/templatedString"}}},"apiKey":{"$ref":"#/$defs/templatedString","description":"Elasticsearch API key (the base64 `encoded` value), sent as `Authorization: ApiKey …` (log-shipper extension)."},"headers":{"type":"array","items":{"$ref":"#/$defs/templatedString"},"description":"Extra headers, each `Name: value`."},"pathPrefix":{"type":"string"},"strictDeprecationMode":{"type":"boolean"},"trustAllSsl":{"type":"boolean","description":"Turns off TLS certificate verification. Explicit and warned about."}}},"indexName":{"type":"string","minLength":1,"description":"Target index or data stream."},"options":{"$ref":"#/$defs/httpOptions"},"chunk":{"$ref":"#/$defs/chunk"},"concurrency":{"type":"integer","minimum":1,"maximum":32,"description":"Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations."},"retryBudget":{"$ref":"#/$defs/duration","description":"Longest total time spent retrying one request before the exporter gives up for this run (log-shipper extension). Default PT5M; inside AWS Lambda it is also bounded by the invocation's remaining time."}}};

function validate34(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate34.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema65.required,parentSchema:schema65,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.type === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema65.required,parentSchema:schema65,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.connection === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "connection"},message:"must have required property '"+"connection"+"'",schema:schema65.required,parentSchema:schema65,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.indexName === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "indexName"},message:"must have required property '"+"indexName"+"'",schema:schema65.required,parentSchema:schema65,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!((((((((key0 === "type") || (key0 === "id")) || (key0 === "connection")) || (key0 === "indexName")) || (key0 === "options")) || (key0 === "chunk")) || (key0 === "concurrency")) || (key0 === "retryBudget"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema65,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if(!(((((data0 === "elasticsearch") || (data0 === "opensearch")) || (data0 === "io.kestra.plugin.ee.elasticsearch.LogExporter")) || (data0 === "io.kestra.plugin.elasticsearch.LogExporter")) || (data0 === "io.kestra.plugin.ee.opensearch.LogExporter"))){
const err5 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/enum",keyword:"enum",params:{allowedValues: schema65.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema65.properties.type.enum,parentSchema:schema65.properties.type,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.id !== undefined){
let data1 = data.id;
if(typeof data1 === "string"){
if(func2(data1) > 128){
const err6 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!pattern4.test(data1)){
const err7 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9][a-zA-Z0-9_-]*$"},message:"must match pattern \""+"^[a-zA-Z0-9][a-zA-Z0-9_-]*$"+"\"",schema:"^[a-zA-Z0-9][a-zA-Z0-9_-]*$",parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.connection !== undefined){
let data2 = data.connection;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.hosts === undefined){
const err9 = {instancePath:instancePath+"/connection",schemaPath:"#/properties/connection/required",keyword:"required",params:{missingProperty: "hosts"},message:"must have required property '"+"hosts"+"'",schema:schema65.properties.connection.required,parentSchema:schema65.properties.connection,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key1 in data2){
if(!(((((((key1 === "hosts") || (key1 === "basicAuth")) || (key1 === "apiKey")) || (key1 === "headers")) || (key1 === "pathPrefix")) || (key1 === "strictDeprecationMode")) || (key1 === "trustAllSsl"))){
const err10 = {instancePath:instancePath+"/connection",schemaPath:"#/properties/connection/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema65.properties.connection,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data2.hosts !== undefined){
let data3 = data2.hosts;
if(Array.isArray(data3)){
if(data3.length < 1){
const err11 = {instancePath:instancePath+"/connection/hosts",schemaPath:"#/properties/connection/properties/hosts/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema65.properties.connection.properties.hosts,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
if(typeof data4 === "string"){
if(!pattern6.test(data4)){
const err12 = {instancePath:instancePath+"/connection/hosts/" + i0,schemaPath:"#/$defs/httpUrl/pattern",keyword:"pattern",params:{pattern: "^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$"},message:"must match pattern \""+"^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$"+"\"",schema:"^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$",parentSchema:schema37,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/connection/hosts/" + i0,schemaPath:"#/$defs/httpUrl/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.type,parentSchema:schema37,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/connection/hosts",schemaPath:"#/properties/connection/properties/hosts/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema65.properties.connection.properties.hosts.type,parentSchema:schema65.properties.connection.properties.hosts,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data2.basicAuth !== undefined){
let data5 = data2.basicAuth;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
for(const key2 in data5){
if(!((key2 === "username") || (key2 === "password"))){
const err15 = {instancePath:instancePath+"/connection/basicAuth",schemaPath:"#/properties/connection/properties/basicAuth/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema65.properties.connection.properties.basicAuth,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data5.username !== undefined){
let data6 = data5.username;
if(typeof data6 !== "string"){
const err16 = {instancePath:instancePath+"/connection/basicAuth/username",schemaPath:"#/$defs/templatedString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data5.password !== undefined){
let data7 = data5.password;
if(typeof data7 !== "string"){
const err17 = {instancePath:instancePath+"/connection/basicAuth/password",schemaPath:"#/$defs/templatedString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/connection/basicAuth",schemaPath:"#/properties/connection/properties/basicAuth/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema65.properties.connection.properties.basicAuth.type,parentSchema:schema65.properties.connection.properties.basicAuth,data:data5};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data2.apiKey !== undefined){
let data8 = data2.apiKey;
if(typeof data8 !== "string"){
const err19 = {instancePath:instancePath+"/connection/apiKey",schemaPath:"#/$defs/templatedString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data2.headers !== undefined){
let data9 = data2.headers;
if(Array.isArray(data9)){
const len1 = data9.length;
for(let i1=0; i1<len1; i1++){
let data10 = data9[i1];
if(typeof data10 !== "string"){
const err20 = {instancePath:instancePath+"/connection/headers/" + i1,schemaPath:"#/$defs/templatedString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data10};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/connection/headers",schemaPath:"#/properties/connection/properties/headers/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema65.properties.connection.properties.headers.type,parentSchema:schema65.properties.connection.properties.headers,data:data9};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data2.pathPrefix !== undefined){
let data11 = data2.pathPrefix;
if(typeof data11 !== "string"){
const err22 = {instancePath:instancePath+"/connection/pathPrefix",schemaPath:"#/properties/connection/properties/pathPrefix/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema65.properties.connection.properties.pathPrefix.type,parentSchema:schema65.properties.connection.properties.pathPrefix,data:data11};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data2.strictDeprecationMode !== undefined){
let data12 = data2.strictDeprecationMode;
if(typeof data12 !== "boolean"){
const err23 = {instancePath:instancePath+"/connection/strictDeprecationMode",schemaPath:"#/properties/connection/properties/strictDeprecationMode/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema65.properties.connection.properties.strictDeprecationMode.type,parentSchema:schema65.properties.connection.properties.strictDeprecationMode,data:data12};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data2.trustAllSsl !== undefined){
let data13 = data2.trustAllSsl;
if(typeof data13 !== "boolean"){
const err24 = {instancePath:instancePath+"/connection/trustAllSsl",schemaPath:"#/properties/connection/properties/trustAllSsl/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema65.properties.connection.properties.trustAllSsl.type,parentSchema:schema65.properties.connection.properties.trustAllSsl,data:data13};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
else {
const err25 = {instancePath:instancePath+"/connection",schemaPath:"#/properties/connection/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema65.properties.connection.type,parentSchema:schema65.properties.connection,data:data2};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data.indexName !== undefined){
let data14 = data.indexName;
if(typeof data14 === "string"){
if(func2(data14) < 1){
const err26 = {instancePath:instancePath+"/indexName",schemaPath:"#/properties/indexName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema65.properties.indexName,data:data14};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/indexName",schemaPath:"#/properties/indexName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema65.properties.indexName.type,parentSchema:schema65.properties.indexName,data:data14};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data.options !== undefined){
if(!(validate32(data.options, {instancePath:instancePath+"/options",parentData:data,parentDataProperty:"options",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);
errors = vErrors.length;
}
}
if(data.chunk !== undefined){
let data16 = data.chunk;
if(!(((typeof data16 == "number") && (!(data16 % 1) && !isNaN(data16))) && (isFinite(data16)))){
const err28 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema63.type,parentSchema:schema63,data:data16};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if((typeof data16 == "number") && (isFinite(data16))){
if(data16 > 100000 || isNaN(data16)){
const err29 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema63,data:data16};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(data16 < 1 || isNaN(data16)){
const err30 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema63,data:data16};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
if(data.concurrency !== undefined){
let data17 = data.concurrency;
if(!(((typeof data17 == "number") && (!(data17 % 1) && !isNaN(data17))) && (isFinite(data17)))){
const err31 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema65.properties.concurrency.type,parentSchema:schema65.properties.concurrency,data:data17};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if((typeof data17 == "number") && (isFinite(data17))){
if(data17 > 32 || isNaN(data17)){
const err32 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/maximum",keyword:"maximum",params:{comparison: "<=", limit: 32},message:"must be <= 32",schema:32,parentSchema:schema65.properties.concurrency,data:data17};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(data17 < 1 || isNaN(data17)){
const err33 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema65.properties.concurrency,data:data17};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
if(data.retryBudget !== undefined){
let data18 = data.retryBudget;
if(typeof data18 === "string"){
if(!pattern5.test(data18)){
const err34 = {instancePath:instancePath+"/retryBudget",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"},message:"must match pattern \""+"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"+"\"",schema:"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$",parentSchema:schema35,data:data18};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/retryBudget",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data18};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
else {
const err36 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema65.type,parentSchema:schema65,data};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
validate34.errors = vErrors;
return errors === 0;
}
validate34.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema74 = {"title":"NewRelicExporter","description":"New Relic Log API (POST {basePath}/log/v1).","type":"object","additionalProperties":false,"required":["id","type","basePath","apiKey"],"properties":{"type":{"enum":["newrelic","io.kestra.plugin.ee.newrelic.LogExporter"],"description":"Exporter type: the short alias or a Kestra type name."},"id":{"$ref":"#/$defs/exporterId"},"basePath":{"$ref":"#/$defs/httpUrl","description":"Log API base URL: https://log-api.newrelic.com (US) or https://log-api.eu.newrelic.com (EU); `/log/v1` is appended."},"apiKey":{"$ref":"#/$defs/templatedString","description":"License key or insert key, sent as the Api-Key header."},"options":{"$ref":"#/$defs/httpOptions"},"chunk":{"$ref":"#/$defs/chunk"},"concurrency":{"type":"integer","minimum":1,"maximum":32,"description":"Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations."},"retryBudget":{"$ref":"#/$defs/duration","description":"Longest total time spent retrying one request before the exporter gives up for this run (log-shipper extension). Default PT5M; inside AWS Lambda it is also bounded by the invocation's remaining time."}}};

function validate36(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate36.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema74.required,parentSchema:schema74,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.type === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema74.required,parentSchema:schema74,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.basePath === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "basePath"},message:"must have required property '"+"basePath"+"'",schema:schema74.required,parentSchema:schema74,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.apiKey === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "apiKey"},message:"must have required property '"+"apiKey"+"'",schema:schema74.required,parentSchema:schema74,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!((((((((key0 === "type") || (key0 === "id")) || (key0 === "basePath")) || (key0 === "apiKey")) || (key0 === "options")) || (key0 === "chunk")) || (key0 === "concurrency")) || (key0 === "retryBudget"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema74,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if(!((data0 === "newrelic") || (data0 === "io.kestra.plugin.ee.newrelic.LogExporter"))){
const err5 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/enum",keyword:"enum",params:{allowedValues: schema74.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema74.properties.type.enum,parentSchema:schema74.properties.type,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.id !== undefined){
let data1 = data.id;
if(typeof data1 === "string"){
if(func2(data1) > 128){
const err6 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!pattern4.test(data1)){
const err7 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9][a-zA-Z0-9_-]*$"},message:"must match pattern \""+"^[a-zA-Z0-9][a-zA-Z0-9_-]*$"+"\"",schema:"^[a-zA-Z0-9][a-zA-Z0-9_-]*$",parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.basePath !== undefined){
let data2 = data.basePath;
if(typeof data2 === "string"){
if(!pattern6.test(data2)){
const err9 = {instancePath:instancePath+"/basePath",schemaPath:"#/$defs/httpUrl/pattern",keyword:"pattern",params:{pattern: "^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$"},message:"must match pattern \""+"^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$"+"\"",schema:"^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$",parentSchema:schema37,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/basePath",schemaPath:"#/$defs/httpUrl/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.type,parentSchema:schema37,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.apiKey !== undefined){
let data3 = data.apiKey;
if(typeof data3 !== "string"){
const err11 = {instancePath:instancePath+"/apiKey",schemaPath:"#/$defs/templatedString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.options !== undefined){
if(!(validate32(data.options, {instancePath:instancePath+"/options",parentData:data,parentDataProperty:"options",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);
errors = vErrors.length;
}
}
if(data.chunk !== undefined){
let data5 = data.chunk;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err12 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema63.type,parentSchema:schema63,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 > 100000 || isNaN(data5)){
const err13 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema63,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data5 < 1 || isNaN(data5)){
const err14 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema63,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
if(data.concurrency !== undefined){
let data6 = data.concurrency;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err15 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema74.properties.concurrency.type,parentSchema:schema74.properties.concurrency,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 > 32 || isNaN(data6)){
const err16 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/maximum",keyword:"maximum",params:{comparison: "<=", limit: 32},message:"must be <= 32",schema:32,parentSchema:schema74.properties.concurrency,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data6 < 1 || isNaN(data6)){
const err17 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema74.properties.concurrency,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
if(data.retryBudget !== undefined){
let data7 = data.retryBudget;
if(typeof data7 === "string"){
if(!pattern5.test(data7)){
const err18 = {instancePath:instancePath+"/retryBudget",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"},message:"must match pattern \""+"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"+"\"",schema:"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$",parentSchema:schema35,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/retryBudget",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema74.type,parentSchema:schema74,data};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
validate36.errors = vErrors;
return errors === 0;
}
validate36.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema80 = {"title":"AzureMonitorExporter","description":"Azure Monitor Logs Ingestion API (data collection rule and stream).","type":"object","additionalProperties":false,"required":["id","type","endpoint","tenantId","clientId","clientSecret","ruleId","streamName"],"properties":{"type":{"enum":["azure-monitor","io.kestra.plugin.ee.azure.monitor.LogExporter","io.kestra.plugin.ee.azure.LogExporter"],"description":"Exporter type: the short alias or a Kestra type name."},"id":{"$ref":"#/$defs/exporterId"},"endpoint":{"$ref":"#/$defs/httpUrl","description":"Data collection endpoint (or the DCR's logs ingestion endpoint), e.g. https://my-dce.eastus-1.ingest.monitor.azure.com."},"tenantId":{"$ref":"#/$defs/templatedString","description":"Microsoft Entra tenant id."},"clientId":{"$ref":"#/$defs/templatedString","description":"Application (client) id."},"clientSecret":{"$ref":"#/$defs/templatedString","description":"Client secret."},"ruleId":{"type":"string","minLength":1,"description":"Immutable id of the data collection rule, `dcr-…`."},"streamName":{"type":"string","minLength":1,"description":"Stream declared in the DCR, e.g. Custom-KestraLogs."},"authorityHost":{"$ref":"#/$defs/httpUrl","description":"Microsoft Entra authority (token URL base). Default: https://login.microsoftonline.com (log-shipper extension)."},"scope":{"type":"string","description":"Token scope. Default: https://monitor.azure.com//.default (log-shipper extension)."},"options":{"$ref":"#/$defs/httpOptions"},"chunk":{"$ref":"#/$defs/chunk"},"concurrency":{"type":"integer","minimum":1,"maximum":32,"description":"Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations."},"retryBudget":{"$ref":"#/$defs/duration","description":"Longest total time spent retrying one request before the exporter gives up for this run (log-shipper extension). Default PT5M; inside AWS Lambda it is also bounded by the invocation's remaining time."}}};

function validate38(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate38.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema80.required,parentSchema:schema80,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.type === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema80.required,parentSchema:schema80,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.endpoint === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "endpoint"},message:"must have required property '"+"endpoint"+"'",schema:schema80.required,parentSchema:schema80,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.tenantId === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "tenantId"},message:"must have required property '"+"tenantId"+"'",schema:schema80.required,parentSchema:schema80,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.clientId === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "clientId"},message:"must have required property '"+"clientId"+"'",schema:schema80.required,parentSchema:schema80,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.clientSecret === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "clientSecret"},message:"must have required property '"+"clientSecret"+"'",schema:schema80.required,parentSchema:schema80,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data.ruleId === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "ruleId"},message:"must have required property '"+"ruleId"+"'",schema:schema80.required,parentSchema:schema80,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data.streamName === undefined){
const err7 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "streamName"},message:"must have required property '"+"streamName"+"'",schema:schema80.required,parentSchema:schema80,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema80.properties, key0))){
const err8 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema80,data};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if(!(((data0 === "azure-monitor") || (data0 === "io.kestra.plugin.ee.azure.monitor.LogExporter")) || (data0 === "io.kestra.plugin.ee.azure.LogExporter"))){
const err9 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/enum",keyword:"enum",params:{allowedValues: schema80.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema80.properties.type.enum,parentSchema:schema80.properties.type,data:data0};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.id !== undefined){
let data1 = data.id;
if(typeof data1 === "string"){
if(func2(data1) > 128){
const err10 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(!pattern4.test(data1)){
const err11 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9][a-zA-Z0-9_-]*$"},message:"must match pattern \""+"^[a-zA-Z0-9][a-zA-Z0-9_-]*$"+"\"",schema:"^[a-zA-Z0-9][a-zA-Z0-9_-]*$",parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.endpoint !== undefined){
let data2 = data.endpoint;
if(typeof data2 === "string"){
if(!pattern6.test(data2)){
const err13 = {instancePath:instancePath+"/endpoint",schemaPath:"#/$defs/httpUrl/pattern",keyword:"pattern",params:{pattern: "^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$"},message:"must match pattern \""+"^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$"+"\"",schema:"^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$",parentSchema:schema37,data:data2};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/endpoint",schemaPath:"#/$defs/httpUrl/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.type,parentSchema:schema37,data:data2};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.tenantId !== undefined){
let data3 = data.tenantId;
if(typeof data3 !== "string"){
const err15 = {instancePath:instancePath+"/tenantId",schemaPath:"#/$defs/templatedString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data3};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.clientId !== undefined){
let data4 = data.clientId;
if(typeof data4 !== "string"){
const err16 = {instancePath:instancePath+"/clientId",schemaPath:"#/$defs/templatedString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data4};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.clientSecret !== undefined){
let data5 = data.clientSecret;
if(typeof data5 !== "string"){
const err17 = {instancePath:instancePath+"/clientSecret",schemaPath:"#/$defs/templatedString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.ruleId !== undefined){
let data6 = data.ruleId;
if(typeof data6 === "string"){
if(func2(data6) < 1){
const err18 = {instancePath:instancePath+"/ruleId",schemaPath:"#/properties/ruleId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema80.properties.ruleId,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/ruleId",schemaPath:"#/properties/ruleId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema80.properties.ruleId.type,parentSchema:schema80.properties.ruleId,data:data6};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.streamName !== undefined){
let data7 = data.streamName;
if(typeof data7 === "string"){
if(func2(data7) < 1){
const err20 = {instancePath:instancePath+"/streamName",schemaPath:"#/properties/streamName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema80.properties.streamName,data:data7};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/streamName",schemaPath:"#/properties/streamName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema80.properties.streamName.type,parentSchema:schema80.properties.streamName,data:data7};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.authorityHost !== undefined){
let data8 = data.authorityHost;
if(typeof data8 === "string"){
if(!pattern6.test(data8)){
const err22 = {instancePath:instancePath+"/authorityHost",schemaPath:"#/$defs/httpUrl/pattern",keyword:"pattern",params:{pattern: "^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$"},message:"must match pattern \""+"^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$"+"\"",schema:"^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$",parentSchema:schema37,data:data8};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/authorityHost",schemaPath:"#/$defs/httpUrl/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.type,parentSchema:schema37,data:data8};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data.scope !== undefined){
let data9 = data.scope;
if(typeof data9 !== "string"){
const err24 = {instancePath:instancePath+"/scope",schemaPath:"#/properties/scope/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema80.properties.scope.type,parentSchema:schema80.properties.scope,data:data9};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.options !== undefined){
if(!(validate32(data.options, {instancePath:instancePath+"/options",parentData:data,parentDataProperty:"options",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);
errors = vErrors.length;
}
}
if(data.chunk !== undefined){
let data11 = data.chunk;
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err25 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema63.type,parentSchema:schema63,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 > 100000 || isNaN(data11)){
const err26 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema63,data:data11};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(data11 < 1 || isNaN(data11)){
const err27 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema63,data:data11};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
if(data.concurrency !== undefined){
let data12 = data.concurrency;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err28 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema80.properties.concurrency.type,parentSchema:schema80.properties.concurrency,data:data12};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 > 32 || isNaN(data12)){
const err29 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/maximum",keyword:"maximum",params:{comparison: "<=", limit: 32},message:"must be <= 32",schema:32,parentSchema:schema80.properties.concurrency,data:data12};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(data12 < 1 || isNaN(data12)){
const err30 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema80.properties.concurrency,data:data12};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
if(data.retryBudget !== undefined){
let data13 = data.retryBudget;
if(typeof data13 === "string"){
if(!pattern5.test(data13)){
const err31 = {instancePath:instancePath+"/retryBudget",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"},message:"must match pattern \""+"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"+"\"",schema:"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$",parentSchema:schema35,data:data13};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/retryBudget",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data13};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
else {
const err33 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema80.type,parentSchema:schema80,data};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
validate38.errors = vErrors;
return errors === 0;
}
validate38.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema89 = {"title":"GcpLoggingExporter","description":"Google Cloud Logging `entries.write`.","type":"object","additionalProperties":false,"required":["id","type"],"properties":{"type":{"enum":["gcp-logging","io.kestra.plugin.ee.gcp.operationalsuite.LogExporter","io.kestra.plugin.ee.gcp.LogExporter"],"description":"Exporter type: the short alias or a Kestra type name."},"id":{"$ref":"#/$defs/exporterId"},"projectId":{"type":"string","description":"Project that receives the entries. Default: the service account's project."},"serviceAccount":{"$ref":"#/$defs/templatedString","description":"Service-account key JSON. Usually {{ secret('GCP_SERVICE_ACCOUNT') }}."},"impersonatedServiceAccount":{"type":"string","description":"Accepted for Kestra compatibility; impersonation is not supported yet."},"scopes":{"type":"array","items":{"type":"string"},"default":["https://www.googleapis.com/auth/cloud-platform"]},"logName":{"type":"string","description":"Log id inside the project. Default: kestra (log-shipper extension)."},"endpoint":{"$ref":"#/$defs/httpUrl","description":"Cloud Logging API base URL. Default: https://logging.googleapis.com (log-shipper extension). The token URL is the service account's `token_uri`."},"options":{"$ref":"#/$defs/httpOptions"},"chunk":{"$ref":"#/$defs/chunk"},"concurrency":{"type":"integer","minimum":1,"maximum":32,"description":"Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations."},"retryBudget":{"$ref":"#/$defs/duration","description":"Longest total time spent retrying one request before the exporter gives up for this run (log-shipper extension). Default PT5M; inside AWS Lambda it is also bounded by the invocation's remaining time."}}};

function validate40(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate40.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema89.required,parentSchema:schema89,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.type === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema89.required,parentSchema:schema89,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema89.properties, key0))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema89,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if(!(((data0 === "gcp-logging") || (data0 === "io.kestra.plugin.ee.gcp.operationalsuite.LogExporter")) || (data0 === "io.kestra.plugin.ee.gcp.LogExporter"))){
const err3 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/enum",keyword:"enum",params:{allowedValues: schema89.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema89.properties.type.enum,parentSchema:schema89.properties.type,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.id !== undefined){
let data1 = data.id;
if(typeof data1 === "string"){
if(func2(data1) > 128){
const err4 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!pattern4.test(data1)){
const err5 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9][a-zA-Z0-9_-]*$"},message:"must match pattern \""+"^[a-zA-Z0-9][a-zA-Z0-9_-]*$"+"\"",schema:"^[a-zA-Z0-9][a-zA-Z0-9_-]*$",parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.projectId !== undefined){
let data2 = data.projectId;
if(typeof data2 !== "string"){
const err7 = {instancePath:instancePath+"/projectId",schemaPath:"#/properties/projectId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema89.properties.projectId.type,parentSchema:schema89.properties.projectId,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.serviceAccount !== undefined){
let data3 = data.serviceAccount;
if(typeof data3 !== "string"){
const err8 = {instancePath:instancePath+"/serviceAccount",schemaPath:"#/$defs/templatedString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.impersonatedServiceAccount !== undefined){
let data4 = data.impersonatedServiceAccount;
if(typeof data4 !== "string"){
const err9 = {instancePath:instancePath+"/impersonatedServiceAccount",schemaPath:"#/properties/impersonatedServiceAccount/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema89.properties.impersonatedServiceAccount.type,parentSchema:schema89.properties.impersonatedServiceAccount,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.scopes !== undefined){
let data5 = data.scopes;
if(Array.isArray(data5)){
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
let data6 = data5[i0];
if(typeof data6 !== "string"){
const err10 = {instancePath:instancePath+"/scopes/" + i0,schemaPath:"#/properties/scopes/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema89.properties.scopes.items.type,parentSchema:schema89.properties.scopes.items,data:data6};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath:instancePath+"/scopes",schemaPath:"#/properties/scopes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema89.properties.scopes.type,parentSchema:schema89.properties.scopes,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.logName !== undefined){
let data7 = data.logName;
if(typeof data7 !== "string"){
const err12 = {instancePath:instancePath+"/logName",schemaPath:"#/properties/logName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema89.properties.logName.type,parentSchema:schema89.properties.logName,data:data7};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.endpoint !== undefined){
let data8 = data.endpoint;
if(typeof data8 === "string"){
if(!pattern6.test(data8)){
const err13 = {instancePath:instancePath+"/endpoint",schemaPath:"#/$defs/httpUrl/pattern",keyword:"pattern",params:{pattern: "^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$"},message:"must match pattern \""+"^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$"+"\"",schema:"^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$",parentSchema:schema37,data:data8};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/endpoint",schemaPath:"#/$defs/httpUrl/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.type,parentSchema:schema37,data:data8};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.options !== undefined){
if(!(validate32(data.options, {instancePath:instancePath+"/options",parentData:data,parentDataProperty:"options",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);
errors = vErrors.length;
}
}
if(data.chunk !== undefined){
let data10 = data.chunk;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err15 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema63.type,parentSchema:schema63,data:data10};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 > 100000 || isNaN(data10)){
const err16 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema63,data:data10};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data10 < 1 || isNaN(data10)){
const err17 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema63,data:data10};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
if(data.concurrency !== undefined){
let data11 = data.concurrency;
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err18 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema89.properties.concurrency.type,parentSchema:schema89.properties.concurrency,data:data11};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 > 32 || isNaN(data11)){
const err19 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/maximum",keyword:"maximum",params:{comparison: "<=", limit: 32},message:"must be <= 32",schema:32,parentSchema:schema89.properties.concurrency,data:data11};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(data11 < 1 || isNaN(data11)){
const err20 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema89.properties.concurrency,data:data11};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
if(data.retryBudget !== undefined){
let data12 = data.retryBudget;
if(typeof data12 === "string"){
if(!pattern5.test(data12)){
const err21 = {instancePath:instancePath+"/retryBudget",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"},message:"must match pattern \""+"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"+"\"",schema:"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$",parentSchema:schema35,data:data12};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/retryBudget",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data12};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema89.type,parentSchema:schema89,data};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
validate40.errors = vErrors;
return errors === 0;
}
validate40.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema95 = {"title":"CloudWatchExporter","description":"AWS CloudWatch Logs PutLogEvents.","type":"object","additionalProperties":false,"required":["id","type","region","logGroupName","logStreamName"],"properties":{"type":{"enum":["cloudwatch","io.kestra.plugin.ee.aws.cloudwatch.LogExporter","io.kestra.plugin.ee.aws.LogExporter"],"description":"Exporter type: the short alias or a Kestra type name."},"id":{"$ref":"#/$defs/exporterId"},"region":{"$ref":"#/$defs/templatedString","description":"AWS region."},"logGroupName":{"type":"string","minLength":1},"logStreamName":{"type":"string","minLength":1},"accessKeyId":{"$ref":"#/$defs/templatedString","description":"Access key id; without it the default AWS credential chain is used."},"secretKeyId":{"$ref":"#/$defs/templatedString","description":"Secret access key."},"sessionToken":{"$ref":"#/$defs/templatedString","description":"Session token for temporary credentials."},"endpointOverride":{"$ref":"#/$defs/httpUrl","description":"Endpoint URL, e.g. for LocalStack or moto. AWS_ENDPOINT_URL is honoured too."},"createLogStream":{"type":"boolean","description":"Create the log stream when it is missing. Default: true (log-shipper extension)."},"chunk":{"$ref":"#/$defs/chunk"},"concurrency":{"type":"integer","minimum":1,"maximum":32,"description":"Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations."},"retryBudget":{"$ref":"#/$defs/duration","description":"Longest total time spent retrying one request before the exporter gives up for this run (log-shipper extension). Default PT5M; inside AWS Lambda it is also bounded by the invocation's remaining time."}}};

function validate42(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate42.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema95.required,parentSchema:schema95,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.type === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema95.required,parentSchema:schema95,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.region === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "region"},message:"must have required property '"+"region"+"'",schema:schema95.required,parentSchema:schema95,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.logGroupName === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "logGroupName"},message:"must have required property '"+"logGroupName"+"'",schema:schema95.required,parentSchema:schema95,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.logStreamName === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "logStreamName"},message:"must have required property '"+"logStreamName"+"'",schema:schema95.required,parentSchema:schema95,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema95.properties, key0))){
const err5 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema95,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if(!(((data0 === "cloudwatch") || (data0 === "io.kestra.plugin.ee.aws.cloudwatch.LogExporter")) || (data0 === "io.kestra.plugin.ee.aws.LogExporter"))){
const err6 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/enum",keyword:"enum",params:{allowedValues: schema95.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema95.properties.type.enum,parentSchema:schema95.properties.type,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.id !== undefined){
let data1 = data.id;
if(typeof data1 === "string"){
if(func2(data1) > 128){
const err7 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(!pattern4.test(data1)){
const err8 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9][a-zA-Z0-9_-]*$"},message:"must match pattern \""+"^[a-zA-Z0-9][a-zA-Z0-9_-]*$"+"\"",schema:"^[a-zA-Z0-9][a-zA-Z0-9_-]*$",parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.region !== undefined){
let data2 = data.region;
if(typeof data2 !== "string"){
const err10 = {instancePath:instancePath+"/region",schemaPath:"#/$defs/templatedString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.logGroupName !== undefined){
let data3 = data.logGroupName;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err11 = {instancePath:instancePath+"/logGroupName",schemaPath:"#/properties/logGroupName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema95.properties.logGroupName,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/logGroupName",schemaPath:"#/properties/logGroupName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema95.properties.logGroupName.type,parentSchema:schema95.properties.logGroupName,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.logStreamName !== undefined){
let data4 = data.logStreamName;
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err13 = {instancePath:instancePath+"/logStreamName",schemaPath:"#/properties/logStreamName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema95.properties.logStreamName,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/logStreamName",schemaPath:"#/properties/logStreamName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema95.properties.logStreamName.type,parentSchema:schema95.properties.logStreamName,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.accessKeyId !== undefined){
let data5 = data.accessKeyId;
if(typeof data5 !== "string"){
const err15 = {instancePath:instancePath+"/accessKeyId",schemaPath:"#/$defs/templatedString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.secretKeyId !== undefined){
let data6 = data.secretKeyId;
if(typeof data6 !== "string"){
const err16 = {instancePath:instancePath+"/secretKeyId",schemaPath:"#/$defs/templatedString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.sessionToken !== undefined){
let data7 = data.sessionToken;
if(typeof data7 !== "string"){
const err17 = {instancePath:instancePath+"/sessionToken",schemaPath:"#/$defs/templatedString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.endpointOverride !== undefined){
let data8 = data.endpointOverride;
if(typeof data8 === "string"){
if(!pattern6.test(data8)){
const err18 = {instancePath:instancePath+"/endpointOverride",schemaPath:"#/$defs/httpUrl/pattern",keyword:"pattern",params:{pattern: "^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$"},message:"must match pattern \""+"^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$"+"\"",schema:"^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$",parentSchema:schema37,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/endpointOverride",schemaPath:"#/$defs/httpUrl/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.type,parentSchema:schema37,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.createLogStream !== undefined){
let data9 = data.createLogStream;
if(typeof data9 !== "boolean"){
const err20 = {instancePath:instancePath+"/createLogStream",schemaPath:"#/properties/createLogStream/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema95.properties.createLogStream.type,parentSchema:schema95.properties.createLogStream,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.chunk !== undefined){
let data10 = data.chunk;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err21 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema63.type,parentSchema:schema63,data:data10};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 > 100000 || isNaN(data10)){
const err22 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema63,data:data10};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(data10 < 1 || isNaN(data10)){
const err23 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema63,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
if(data.concurrency !== undefined){
let data11 = data.concurrency;
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err24 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema95.properties.concurrency.type,parentSchema:schema95.properties.concurrency,data:data11};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 > 32 || isNaN(data11)){
const err25 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/maximum",keyword:"maximum",params:{comparison: "<=", limit: 32},message:"must be <= 32",schema:32,parentSchema:schema95.properties.concurrency,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(data11 < 1 || isNaN(data11)){
const err26 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema95.properties.concurrency,data:data11};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
if(data.retryBudget !== undefined){
let data12 = data.retryBudget;
if(typeof data12 === "string"){
if(!pattern5.test(data12)){
const err27 = {instancePath:instancePath+"/retryBudget",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"},message:"must match pattern \""+"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"+"\"",schema:"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$",parentSchema:schema35,data:data12};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
else {
const err28 = {instancePath:instancePath+"/retryBudget",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data12};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
else {
const err29 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema95.type,parentSchema:schema95,data};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
validate42.errors = vErrors;
return errors === 0;
}
validate42.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema104 = {"title":"OpenTelemetryExporter","description":"OTLP/HTTP logs, JSON encoding.","type":"object","additionalProperties":false,"required":["id","type","otlpEndpoint"],"properties":{"type":{"enum":["opentelemetry","io.kestra.plugin.ee.opentelemetry.LogExporter"],"description":"Exporter type: the short alias or a Kestra type name."},"id":{"$ref":"#/$defs/exporterId"},"otlpEndpoint":{"$ref":"#/$defs/httpUrl","description":"Full logs URL, e.g. http://localhost:4318/v1/logs."},"authorizationHeaderName":{"type":"string","description":"Header that carries the credentials, e.g. Authorization."},"authorizationHeaderValue":{"$ref":"#/$defs/templatedString","description":"Value of that header, e.g. Bearer {{ secret('OTLP_TOKEN') }}."},"serviceName":{"type":"string","description":"`service.name` resource attribute. Default: kestra (log-shipper extension)."},"options":{"$ref":"#/$defs/httpOptions"},"chunk":{"$ref":"#/$defs/chunk"},"concurrency":{"type":"integer","minimum":1,"maximum":32,"description":"Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations."},"retryBudget":{"$ref":"#/$defs/duration","description":"Longest total time spent retrying one request before the exporter gives up for this run (log-shipper extension). Default PT5M; inside AWS Lambda it is also bounded by the invocation's remaining time."}}};

function validate43(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate43.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema104.required,parentSchema:schema104,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.type === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema104.required,parentSchema:schema104,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.otlpEndpoint === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "otlpEndpoint"},message:"must have required property '"+"otlpEndpoint"+"'",schema:schema104.required,parentSchema:schema104,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema104.properties, key0))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema104,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if(!((data0 === "opentelemetry") || (data0 === "io.kestra.plugin.ee.opentelemetry.LogExporter"))){
const err4 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/enum",keyword:"enum",params:{allowedValues: schema104.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema104.properties.type.enum,parentSchema:schema104.properties.type,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.id !== undefined){
let data1 = data.id;
if(typeof data1 === "string"){
if(func2(data1) > 128){
const err5 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(!pattern4.test(data1)){
const err6 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9][a-zA-Z0-9_-]*$"},message:"must match pattern \""+"^[a-zA-Z0-9][a-zA-Z0-9_-]*$"+"\"",schema:"^[a-zA-Z0-9][a-zA-Z0-9_-]*$",parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.otlpEndpoint !== undefined){
let data2 = data.otlpEndpoint;
if(typeof data2 === "string"){
if(!pattern6.test(data2)){
const err8 = {instancePath:instancePath+"/otlpEndpoint",schemaPath:"#/$defs/httpUrl/pattern",keyword:"pattern",params:{pattern: "^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$"},message:"must match pattern \""+"^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$"+"\"",schema:"^(https?://[^\\s/?#]+[^\\s]*|\\s*\\{\\{.*\\}\\}.*)$",parentSchema:schema37,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/otlpEndpoint",schemaPath:"#/$defs/httpUrl/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.type,parentSchema:schema37,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.authorizationHeaderName !== undefined){
let data3 = data.authorizationHeaderName;
if(typeof data3 !== "string"){
const err10 = {instancePath:instancePath+"/authorizationHeaderName",schemaPath:"#/properties/authorizationHeaderName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema104.properties.authorizationHeaderName.type,parentSchema:schema104.properties.authorizationHeaderName,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.authorizationHeaderValue !== undefined){
let data4 = data.authorizationHeaderValue;
if(typeof data4 !== "string"){
const err11 = {instancePath:instancePath+"/authorizationHeaderValue",schemaPath:"#/$defs/templatedString/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.serviceName !== undefined){
let data5 = data.serviceName;
if(typeof data5 !== "string"){
const err12 = {instancePath:instancePath+"/serviceName",schemaPath:"#/properties/serviceName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema104.properties.serviceName.type,parentSchema:schema104.properties.serviceName,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.options !== undefined){
if(!(validate32(data.options, {instancePath:instancePath+"/options",parentData:data,parentDataProperty:"options",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);
errors = vErrors.length;
}
}
if(data.chunk !== undefined){
let data7 = data.chunk;
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
const err13 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema63.type,parentSchema:schema63,data:data7};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 > 100000 || isNaN(data7)){
const err14 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema63,data:data7};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data7 < 1 || isNaN(data7)){
const err15 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema63,data:data7};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
if(data.concurrency !== undefined){
let data8 = data.concurrency;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err16 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema104.properties.concurrency.type,parentSchema:schema104.properties.concurrency,data:data8};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 > 32 || isNaN(data8)){
const err17 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/maximum",keyword:"maximum",params:{comparison: "<=", limit: 32},message:"must be <= 32",schema:32,parentSchema:schema104.properties.concurrency,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(data8 < 1 || isNaN(data8)){
const err18 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema104.properties.concurrency,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
if(data.retryBudget !== undefined){
let data9 = data.retryBudget;
if(typeof data9 === "string"){
if(!pattern5.test(data9)){
const err19 = {instancePath:instancePath+"/retryBudget",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"},message:"must match pattern \""+"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"+"\"",schema:"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$",parentSchema:schema35,data:data9};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/retryBudget",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema104.type,parentSchema:schema104,data};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
validate43.errors = vErrors;
return errors === 0;
}
validate43.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema110 = {"title":"FileExporter","description":"Local files. With `path`, appends JSON lines to that file; without it, writes rotating files `<logFilePrefix>-<localDateTime>.<json|ion>` into `directory`, like Kestra's FileLogExporter.","type":"object","additionalProperties":false,"required":["id","type"],"properties":{"type":{"enum":["file","io.kestra.plugin.ee.core.log.FileLogExporter"],"description":"Exporter type: the short alias or a Kestra type name."},"id":{"$ref":"#/$defs/exporterId"},"path":{"type":"string","minLength":1,"description":"File to append JSON lines to (log-shipper extension). Relative to the config file."},"directory":{"type":"string","minLength":1,"description":"Directory for rotating files when `path` is not set. Default: ./.logshipper/files (log-shipper extension)."},"format":{"enum":["ION","JSON"],"description":"Kestra's format. Default: JSON when `path` is set, else ION (Kestra's default)."},"logFilePrefix":{"type":"string","minLength":1,"default":"kestra-log-file"},"maxLinesPerFile":{"type":"integer","minimum":1,"description":"Rotate after this many lines (without `path`). Default: 100000."},"chunk":{"$ref":"#/$defs/chunk"},"concurrency":{"type":"integer","minimum":1,"maximum":32,"description":"Requests in flight at once for this exporter (log-shipper extension). Each in-flight request can be re-sent once after a crash, so this is also the bound on duplicates per crash. Default: 1 for file, 4 for HTTP destinations."},"retryBudget":{"$ref":"#/$defs/duration","description":"Longest total time spent retrying one request before the exporter gives up for this run (log-shipper extension). Default PT5M; inside AWS Lambda it is also bounded by the invocation's remaining time."}}};

function validate45(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate45.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema110.required,parentSchema:schema110,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.type === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema110.required,parentSchema:schema110,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema110.properties, key0))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema110,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if(!((data0 === "file") || (data0 === "io.kestra.plugin.ee.core.log.FileLogExporter"))){
const err3 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/enum",keyword:"enum",params:{allowedValues: schema110.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema110.properties.type.enum,parentSchema:schema110.properties.type,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.id !== undefined){
let data1 = data.id;
if(typeof data1 === "string"){
if(func2(data1) > 128){
const err4 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!pattern4.test(data1)){
const err5 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9][a-zA-Z0-9_-]*$"},message:"must match pattern \""+"^[a-zA-Z0-9][a-zA-Z0-9_-]*$"+"\"",schema:"^[a-zA-Z0-9][a-zA-Z0-9_-]*$",parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/exporterId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.type,parentSchema:schema53,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.path !== undefined){
let data2 = data.path;
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err7 = {instancePath:instancePath+"/path",schemaPath:"#/properties/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema110.properties.path,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/path",schemaPath:"#/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema110.properties.path.type,parentSchema:schema110.properties.path,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.directory !== undefined){
let data3 = data.directory;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err9 = {instancePath:instancePath+"/directory",schemaPath:"#/properties/directory/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema110.properties.directory,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/directory",schemaPath:"#/properties/directory/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema110.properties.directory.type,parentSchema:schema110.properties.directory,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.format !== undefined){
let data4 = data.format;
if(!((data4 === "ION") || (data4 === "JSON"))){
const err11 = {instancePath:instancePath+"/format",schemaPath:"#/properties/format/enum",keyword:"enum",params:{allowedValues: schema110.properties.format.enum},message:"must be equal to one of the allowed values",schema:schema110.properties.format.enum,parentSchema:schema110.properties.format,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.logFilePrefix !== undefined){
let data5 = data.logFilePrefix;
if(typeof data5 === "string"){
if(func2(data5) < 1){
const err12 = {instancePath:instancePath+"/logFilePrefix",schemaPath:"#/properties/logFilePrefix/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema110.properties.logFilePrefix,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/logFilePrefix",schemaPath:"#/properties/logFilePrefix/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema110.properties.logFilePrefix.type,parentSchema:schema110.properties.logFilePrefix,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.maxLinesPerFile !== undefined){
let data6 = data.maxLinesPerFile;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err14 = {instancePath:instancePath+"/maxLinesPerFile",schemaPath:"#/properties/maxLinesPerFile/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema110.properties.maxLinesPerFile.type,parentSchema:schema110.properties.maxLinesPerFile,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 < 1 || isNaN(data6)){
const err15 = {instancePath:instancePath+"/maxLinesPerFile",schemaPath:"#/properties/maxLinesPerFile/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema110.properties.maxLinesPerFile,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
if(data.chunk !== undefined){
let data7 = data.chunk;
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
const err16 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema63.type,parentSchema:schema63,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 > 100000 || isNaN(data7)){
const err17 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema63,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(data7 < 1 || isNaN(data7)){
const err18 = {instancePath:instancePath+"/chunk",schemaPath:"#/$defs/chunk/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema63,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
if(data.concurrency !== undefined){
let data8 = data.concurrency;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err19 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema110.properties.concurrency.type,parentSchema:schema110.properties.concurrency,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 > 32 || isNaN(data8)){
const err20 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/maximum",keyword:"maximum",params:{comparison: "<=", limit: 32},message:"must be <= 32",schema:32,parentSchema:schema110.properties.concurrency,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data8 < 1 || isNaN(data8)){
const err21 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema110.properties.concurrency,data:data8};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
if(data.retryBudget !== undefined){
let data9 = data.retryBudget;
if(typeof data9 === "string"){
if(!pattern5.test(data9)){
const err22 = {instancePath:instancePath+"/retryBudget",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"},message:"must match pattern \""+"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"+"\"",schema:"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$",parentSchema:schema35,data:data9};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/retryBudget",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data9};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema110.type,parentSchema:schema110,data};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
validate45.errors = vErrors;
return errors === 0;
}
validate45.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate30(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate30.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
const tag0 = data.type;
if(typeof tag0 == "string"){
if(tag0 === "datadog"){
if(!(validate31(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
errors = vErrors.length;
}
var props0 = true;
}
else if(tag0 === "io.kestra.plugin.ee.datadog.LogExporter"){
if(!(validate31(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "elasticsearch"){
if(!(validate34(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "opensearch"){
if(!(validate34(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "io.kestra.plugin.ee.elasticsearch.LogExporter"){
if(!(validate34(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "io.kestra.plugin.elasticsearch.LogExporter"){
if(!(validate34(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "io.kestra.plugin.ee.opensearch.LogExporter"){
if(!(validate34(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "newrelic"){
if(!(validate36(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate36.errors : vErrors.concat(validate36.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "io.kestra.plugin.ee.newrelic.LogExporter"){
if(!(validate36(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate36.errors : vErrors.concat(validate36.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "azure-monitor"){
if(!(validate38(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate38.errors : vErrors.concat(validate38.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "io.kestra.plugin.ee.azure.monitor.LogExporter"){
if(!(validate38(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate38.errors : vErrors.concat(validate38.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "io.kestra.plugin.ee.azure.LogExporter"){
if(!(validate38(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate38.errors : vErrors.concat(validate38.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "gcp-logging"){
if(!(validate40(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate40.errors : vErrors.concat(validate40.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "io.kestra.plugin.ee.gcp.operationalsuite.LogExporter"){
if(!(validate40(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate40.errors : vErrors.concat(validate40.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "io.kestra.plugin.ee.gcp.LogExporter"){
if(!(validate40(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate40.errors : vErrors.concat(validate40.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "cloudwatch"){
if(!(validate42(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate42.errors : vErrors.concat(validate42.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "io.kestra.plugin.ee.aws.cloudwatch.LogExporter"){
if(!(validate42(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate42.errors : vErrors.concat(validate42.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "io.kestra.plugin.ee.aws.LogExporter"){
if(!(validate42(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate42.errors : vErrors.concat(validate42.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "opentelemetry"){
if(!(validate43(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate43.errors : vErrors.concat(validate43.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "io.kestra.plugin.ee.opentelemetry.LogExporter"){
if(!(validate43(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate43.errors : vErrors.concat(validate43.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "file"){
if(!(validate45(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate45.errors : vErrors.concat(validate45.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "io.kestra.plugin.ee.core.log.FileLogExporter"){
if(!(validate45(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate45.errors : vErrors.concat(validate45.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else {
const err0 = {instancePath,schemaPath:"#/discriminator",keyword:"discriminator",params:{error: "mapping", tag: "type", tagValue: tag0},message:"value of tag \"type\" must be in oneOf",schema:schema51.discriminator,parentSchema:schema51,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
else {
const err1 = {instancePath,schemaPath:"#/discriminator",keyword:"discriminator",params:{error: "tag", tag: "type", tagValue: tag0},message:"tag \"type\" must be string",schema:schema51.discriminator,parentSchema:schema51,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema51.type,parentSchema:schema51,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
validate30.errors = vErrors;
evaluated0.props = props0;
return errors === 0;
}
validate30.evaluated = {"dynamicProps":true,"dynamicItems":false};


function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema32.required,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.source === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "source"},message:"must have required property '"+"source"+"'",schema:schema32.required,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.logExporters === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "logExporters"},message:"must have required property '"+"logExporters"+"'",schema:schema32.required,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema32.properties, key0))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.id !== undefined){
let data0 = data.id;
if(typeof data0 === "string"){
if(func2(data0) > 128){
const err4 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema32.properties.id,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!pattern4.test(data0)){
const err5 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9][a-zA-Z0-9_-]*$"},message:"must match pattern \""+"^[a-zA-Z0-9][a-zA-Z0-9_-]*$"+"\"",schema:"^[a-zA-Z0-9][a-zA-Z0-9_-]*$",parentSchema:schema32.properties.id,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.id.type,parentSchema:schema32.properties.id,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.description !== undefined){
let data1 = data.description;
if(typeof data1 !== "string"){
const err7 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.description.type,parentSchema:schema32.properties.description,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.source !== undefined){
if(!(validate22(data.source, {instancePath:instancePath+"/source",parentData:data,parentDataProperty:"source",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(data.schedule !== undefined){
let data3 = data.schedule;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err8 = {instancePath:instancePath+"/schedule",schemaPath:"#/$defs/schedule/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema49,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/schedule",schemaPath:"#/$defs/schedule/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema49.type,parentSchema:schema49,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.timezone !== undefined){
let data4 = data.timezone;
if(typeof data4 !== "string"){
const err10 = {instancePath:instancePath+"/timezone",schemaPath:"#/properties/timezone/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.timezone.type,parentSchema:schema32.properties.timezone,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.lagThreshold !== undefined){
let data5 = data.lagThreshold;
if(typeof data5 === "string"){
if(!pattern5.test(data5)){
const err11 = {instancePath:instancePath+"/lagThreshold",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"},message:"must match pattern \""+"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"+"\"",schema:"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$",parentSchema:schema35,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/lagThreshold",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.logExporters !== undefined){
let data6 = data.logExporters;
if(Array.isArray(data6)){
if(data6.length < 1){
const err13 = {instancePath:instancePath+"/logExporters",schemaPath:"#/properties/logExporters/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema32.properties.logExporters,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
const len0 = data6.length;
for(let i0=0; i0<len0; i0++){
if(!(validate30(data6[i0], {instancePath:instancePath+"/logExporters/" + i0,parentData:data6,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate30.errors : vErrors.concat(validate30.errors);
errors = vErrors.length;
}
}
}
else {
const err14 = {instancePath:instancePath+"/logExporters",schemaPath:"#/properties/logExporters/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema32.properties.logExporters.type,parentSchema:schema32.properties.logExporters,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.logLevelFilter !== undefined){
let data8 = data.logLevelFilter;
if(!((((((data8 === "TRACE") || (data8 === "DEBUG")) || (data8 === "INFO")) || (data8 === "WARN")) || (data8 === "WARNING")) || (data8 === "ERROR"))){
const err15 = {instancePath:instancePath+"/logLevelFilter",schemaPath:"#/$defs/level/enum",keyword:"enum",params:{allowedValues: schema114.enum},message:"must be equal to one of the allowed values",schema:schema114.enum,parentSchema:schema114,data:data8};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.lookbackPeriod !== undefined){
let data9 = data.lookbackPeriod;
if(typeof data9 === "string"){
if(!pattern5.test(data9)){
const err16 = {instancePath:instancePath+"/lookbackPeriod",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"},message:"must match pattern \""+"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"+"\"",schema:"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$",parentSchema:schema35,data:data9};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/lookbackPeriod",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data9};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.namespace !== undefined){
let data10 = data.namespace;
if(typeof data10 === "string"){
if(!pattern43.test(data10)){
const err18 = {instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9][a-zA-Z0-9._-]*$"},message:"must match pattern \""+"^[a-zA-Z0-9][a-zA-Z0-9._-]*$"+"\"",schema:"^[a-zA-Z0-9][a-zA-Z0-9._-]*$",parentSchema:schema32.properties.namespace,data:data10};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.namespace.type,parentSchema:schema32.properties.namespace,data:data10};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.offsetKey !== undefined){
let data11 = data.offsetKey;
if(typeof data11 === "string"){
if(!pattern43.test(data11)){
const err20 = {instancePath:instancePath+"/offsetKey",schemaPath:"#/properties/offsetKey/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9][a-zA-Z0-9._-]*$"},message:"must match pattern \""+"^[a-zA-Z0-9][a-zA-Z0-9._-]*$"+"\"",schema:"^[a-zA-Z0-9][a-zA-Z0-9._-]*$",parentSchema:schema32.properties.offsetKey,data:data11};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/offsetKey",schemaPath:"#/properties/offsetKey/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.offsetKey.type,parentSchema:schema32.properties.offsetKey,data:data11};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.batchSize !== undefined){
let data12 = data.batchSize;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err22 = {instancePath:instancePath+"/batchSize",schemaPath:"#/properties/batchSize/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema32.properties.batchSize.type,parentSchema:schema32.properties.batchSize,data:data12};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 > 100000 || isNaN(data12)){
const err23 = {instancePath:instancePath+"/batchSize",schemaPath:"#/properties/batchSize/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema32.properties.batchSize,data:data12};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(data12 < 1 || isNaN(data12)){
const err24 = {instancePath:instancePath+"/batchSize",schemaPath:"#/properties/batchSize/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema32.properties.batchSize,data:data12};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
if(data.delete !== undefined){
let data13 = data.delete;
if(false !== data13){
const err25 = {instancePath:instancePath+"/delete",schemaPath:"#/properties/delete/const",keyword:"const",params:{allowedValue: false},message:"must be equal to constant",schema:false,parentSchema:schema32.properties.delete,data:data13};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
else {
const err26 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.type,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://log-shipper.dev/schemas/config.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.shippers === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "shippers"},message:"must have required property '"+"shippers"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "shippers") || (key0 === "variables"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.shippers !== undefined){
let data0 = data.shippers;
if(Array.isArray(data0)){
if(data0.length < 1){
const err2 = {instancePath:instancePath+"/shippers",schemaPath:"#/properties/shippers/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema31.properties.shippers,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
if(!(validate21(data0[i0], {instancePath:instancePath+"/shippers/" + i0,parentData:data0,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
}
else {
const err3 = {instancePath:instancePath+"/shippers",schemaPath:"#/properties/shippers/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.shippers.type,parentSchema:schema31.properties.shippers,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.variables !== undefined){
let data2 = data.variables;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key1 in data2){
let data3 = data2[key1];
if(((typeof data3 !== "string") && (!((typeof data3 == "number") && (isFinite(data3))))) && (typeof data3 !== "boolean")){
const err4 = {instancePath:instancePath+"/variables/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/variables/additionalProperties/type",keyword:"type",params:{type: schema31.properties.variables.additionalProperties.type},message:"must be string,number,boolean",schema:schema31.properties.variables.additionalProperties.type,parentSchema:schema31.properties.variables.additionalProperties,data:data3};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
else {
const err5 = {instancePath:instancePath+"/variables",schemaPath:"#/properties/variables/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.variables.type,parentSchema:schema31.properties.variables,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
else {
const err6 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.type,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

exports.kestraTask = validate70;
const schema116 = {"title":"KestraLogShipperTask","description":"A Kestra `io.kestra.plugin.ee.core.log.LogShipper` task, as written in a flow.","type":"object","additionalProperties":false,"required":["id","type","logExporters"],"properties":{"id":{"type":"string","pattern":"^[a-zA-Z0-9][a-zA-Z0-9_-]*$"},"type":{"const":"io.kestra.plugin.ee.core.log.LogShipper"},"description":{"type":"string"},"disabled":{"type":"boolean"},"timeout":{"type":"string"},"retry":{"type":"object"},"allowFailure":{"type":"boolean"},"allowWarning":{"type":"boolean"},"logLevel":{"type":"string"},"logToFile":{"type":"boolean"},"runIf":{"type":"string"},"workerGroup":{"type":"object"},"logExporters":{"type":"array","minItems":1,"items":{"$ref":"#/$defs/logExporter"},"description":"The destinations. Each keeps its own offset."},"logLevelFilter":{"$ref":"#/$defs/level","description":"Minimum level shipped. Default: INFO. WARNING means WARN."},"lookbackPeriod":{"$ref":"#/$defs/duration","description":"Where the range starts when an exporter has no offset: now minus this period. Default: P1D."},"namespace":{"type":"string","pattern":"^[a-zA-Z0-9][a-zA-Z0-9._-]*$","description":"Only this namespace and its children (`namespace.` prefix)."},"offsetKey":{"type":"string","pattern":"^[a-zA-Z0-9][a-zA-Z0-9._-]*$","description":"Name under which the offsets are stored. Renaming it starts over from the lookback. Default: LogShipper-state."},"batchSize":{"type":"integer","minimum":1,"maximum":100000,"description":"Records read from the source per batch. Default: 1000."},"delete":{"const":false,"description":"Kestra's option to delete shipped logs from the source. Only `false` is supported."}}};

function validate70(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate70.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema116.required,parentSchema:schema116,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.type === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema116.required,parentSchema:schema116,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.logExporters === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "logExporters"},message:"must have required property '"+"logExporters"+"'",schema:schema116.required,parentSchema:schema116,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema116.properties, key0))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema116,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.id !== undefined){
let data0 = data.id;
if(typeof data0 === "string"){
if(!pattern4.test(data0)){
const err4 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9][a-zA-Z0-9_-]*$"},message:"must match pattern \""+"^[a-zA-Z0-9][a-zA-Z0-9_-]*$"+"\"",schema:"^[a-zA-Z0-9][a-zA-Z0-9_-]*$",parentSchema:schema116.properties.id,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema116.properties.id.type,parentSchema:schema116.properties.id,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.type !== undefined){
let data1 = data.type;
if("io.kestra.plugin.ee.core.log.LogShipper" !== data1){
const err6 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "io.kestra.plugin.ee.core.log.LogShipper"},message:"must be equal to constant",schema:"io.kestra.plugin.ee.core.log.LogShipper",parentSchema:schema116.properties.type,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.description !== undefined){
let data2 = data.description;
if(typeof data2 !== "string"){
const err7 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema116.properties.description.type,parentSchema:schema116.properties.description,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.disabled !== undefined){
let data3 = data.disabled;
if(typeof data3 !== "boolean"){
const err8 = {instancePath:instancePath+"/disabled",schemaPath:"#/properties/disabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema116.properties.disabled.type,parentSchema:schema116.properties.disabled,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.timeout !== undefined){
let data4 = data.timeout;
if(typeof data4 !== "string"){
const err9 = {instancePath:instancePath+"/timeout",schemaPath:"#/properties/timeout/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema116.properties.timeout.type,parentSchema:schema116.properties.timeout,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.retry !== undefined){
let data5 = data.retry;
if(!(data5 && typeof data5 == "object" && !Array.isArray(data5))){
const err10 = {instancePath:instancePath+"/retry",schemaPath:"#/properties/retry/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema116.properties.retry.type,parentSchema:schema116.properties.retry,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.allowFailure !== undefined){
let data6 = data.allowFailure;
if(typeof data6 !== "boolean"){
const err11 = {instancePath:instancePath+"/allowFailure",schemaPath:"#/properties/allowFailure/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema116.properties.allowFailure.type,parentSchema:schema116.properties.allowFailure,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.allowWarning !== undefined){
let data7 = data.allowWarning;
if(typeof data7 !== "boolean"){
const err12 = {instancePath:instancePath+"/allowWarning",schemaPath:"#/properties/allowWarning/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema116.properties.allowWarning.type,parentSchema:schema116.properties.allowWarning,data:data7};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.logLevel !== undefined){
let data8 = data.logLevel;
if(typeof data8 !== "string"){
const err13 = {instancePath:instancePath+"/logLevel",schemaPath:"#/properties/logLevel/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema116.properties.logLevel.type,parentSchema:schema116.properties.logLevel,data:data8};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.logToFile !== undefined){
let data9 = data.logToFile;
if(typeof data9 !== "boolean"){
const err14 = {instancePath:instancePath+"/logToFile",schemaPath:"#/properties/logToFile/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema116.properties.logToFile.type,parentSchema:schema116.properties.logToFile,data:data9};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.runIf !== undefined){
let data10 = data.runIf;
if(typeof data10 !== "string"){
const err15 = {instancePath:instancePath+"/runIf",schemaPath:"#/properties/runIf/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema116.properties.runIf.type,parentSchema:schema116.properties.runIf,data:data10};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.workerGroup !== undefined){
let data11 = data.workerGroup;
if(!(data11 && typeof data11 == "object" && !Array.isArray(data11))){
const err16 = {instancePath:instancePath+"/workerGroup",schemaPath:"#/properties/workerGroup/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema116.properties.workerGroup.type,parentSchema:schema116.properties.workerGroup,data:data11};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.logExporters !== undefined){
let data12 = data.logExporters;
if(Array.isArray(data12)){
if(data12.length < 1){
const err17 = {instancePath:instancePath+"/logExporters",schemaPath:"#/properties/logExporters/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema116.properties.logExporters,data:data12};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
const len0 = data12.length;
for(let i0=0; i0<len0; i0++){
if(!(validate30(data12[i0], {instancePath:instancePath+"/logExporters/" + i0,parentData:data12,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate30.errors : vErrors.concat(validate30.errors);
errors = vErrors.length;
}
}
}
else {
const err18 = {instancePath:instancePath+"/logExporters",schemaPath:"#/properties/logExporters/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema116.properties.logExporters.type,parentSchema:schema116.properties.logExporters,data:data12};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.logLevelFilter !== undefined){
let data14 = data.logLevelFilter;
if(!((((((data14 === "TRACE") || (data14 === "DEBUG")) || (data14 === "INFO")) || (data14 === "WARN")) || (data14 === "WARNING")) || (data14 === "ERROR"))){
const err19 = {instancePath:instancePath+"/logLevelFilter",schemaPath:"#/$defs/level/enum",keyword:"enum",params:{allowedValues: schema114.enum},message:"must be equal to one of the allowed values",schema:schema114.enum,parentSchema:schema114,data:data14};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.lookbackPeriod !== undefined){
let data15 = data.lookbackPeriod;
if(typeof data15 === "string"){
if(!pattern5.test(data15)){
const err20 = {instancePath:instancePath+"/lookbackPeriod",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"},message:"must match pattern \""+"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"+"\"",schema:"^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$",parentSchema:schema35,data:data15};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/lookbackPeriod",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data15};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.namespace !== undefined){
let data16 = data.namespace;
if(typeof data16 === "string"){
if(!pattern43.test(data16)){
const err22 = {instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9][a-zA-Z0-9._-]*$"},message:"must match pattern \""+"^[a-zA-Z0-9][a-zA-Z0-9._-]*$"+"\"",schema:"^[a-zA-Z0-9][a-zA-Z0-9._-]*$",parentSchema:schema116.properties.namespace,data:data16};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/namespace",schemaPath:"#/properties/namespace/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema116.properties.namespace.type,parentSchema:schema116.properties.namespace,data:data16};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data.offsetKey !== undefined){
let data17 = data.offsetKey;
if(typeof data17 === "string"){
if(!pattern43.test(data17)){
const err24 = {instancePath:instancePath+"/offsetKey",schemaPath:"#/properties/offsetKey/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9][a-zA-Z0-9._-]*$"},message:"must match pattern \""+"^[a-zA-Z0-9][a-zA-Z0-9._-]*$"+"\"",schema:"^[a-zA-Z0-9][a-zA-Z0-9._-]*$",parentSchema:schema116.properties.offsetKey,data:data17};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/offsetKey",schemaPath:"#/properties/offsetKey/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema116.properties.offsetKey.type,parentSchema:schema116.properties.offsetKey,data:data17};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data.batchSize !== undefined){
let data18 = data.batchSize;
if(!(((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18))) && (isFinite(data18)))){
const err26 = {instancePath:instancePath+"/batchSize",schemaPath:"#/properties/batchSize/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema116.properties.batchSize.type,parentSchema:schema116.properties.batchSize,data:data18};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if((typeof data18 == "number") && (isFinite(data18))){
if(data18 > 100000 || isNaN(data18)){
const err27 = {instancePath:instancePath+"/batchSize",schemaPath:"#/properties/batchSize/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema116.properties.batchSize,data:data18};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if(data18 < 1 || isNaN(data18)){
const err28 = {instancePath:instancePath+"/batchSize",schemaPath:"#/properties/batchSize/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema116.properties.batchSize,data:data18};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
if(data.delete !== undefined){
let data19 = data.delete;
if(false !== data19){
const err29 = {instancePath:instancePath+"/delete",schemaPath:"#/properties/delete/const",keyword:"const",params:{allowedValue: false},message:"must be equal to constant",schema:false,parentSchema:schema116.properties.delete,data:data19};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
else {
const err30 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema116.type,parentSchema:schema116,data};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
validate70.errors = vErrors;
return errors === 0;
}
validate70.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

exports.source = validate72;

function validate72(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate72.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
const tag0 = data.type;
if(typeof tag0 == "string"){
if(tag0 === "file"){
if(!(validate23(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
var props0 = true;
}
else if(tag0 === "kestra"){
if(!(validate24(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "cloudwatch"){
if(!(validate25(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else {
const err0 = {instancePath,schemaPath:"#/discriminator",keyword:"discriminator",params:{error: "mapping", tag: "type", tagValue: tag0},message:"value of tag \"type\" must be in oneOf",schema:schema33.discriminator,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
else {
const err1 = {instancePath,schemaPath:"#/discriminator",keyword:"discriminator",params:{error: "tag", tag: "type", tagValue: tag0},message:"tag \"type\" must be string",schema:schema33.discriminator,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema33.type,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
validate72.errors = vErrors;
evaluated0.props = props0;
return errors === 0;
}
validate72.evaluated = {"dynamicProps":true,"dynamicItems":false};

exports.planReport = validate85;
const schema121 = {"title":"PlanReport","type":"object","additionalProperties":false,"required":["command","now","shippers","drift"],"properties":{"command":{"const":"plan"},"now":{"type":"string","description":"ISO-8601 timestamp (UTC)."},"state":{"type":"string"},"shippers":{"type":"array","items":{"title":"PlanShipper","type":"object","additionalProperties":false,"required":["id","exporters"],"properties":{"id":{"type":"string"},"source":{"type":"string"},"exporters":{"type":"array","items":{"$ref":"#/$defs/planExporter"}}}}},"drift":{"type":"array","items":{"$ref":"#/$defs/drift"}},"warnings":{"type":"array","items":{"type":"string"}}}};
const schema124 = {"title":"Drift","type":"object","additionalProperties":false,"required":["kind","shipper","message"],"properties":{"kind":{"title":"DriftKind","enum":["new-exporter","orphaned-state","config-changed","lagging","long-backlog","destination-window","secret-unresolvable","source-missing","source-error","locked"],"description":"new-exporter: no stored offset, backfills from the lookback. orphaned-state: an offset whose shipper or exporter is no longer declared. config-changed: the exporter's config changed since its offset was written. lagging: pending work older than the lag threshold. long-backlog: the stored cursor is older than now minus lookbackPeriod. destination-window: pending logs are older than the destination accepts. secret-unresolvable: a secret cannot be read. source-missing: the source (e.g. a log group) does not exist. source-error: the source cannot be read. locked: another run holds the shipper's lock."},"shipper":{"type":"string"},"exporter":{"type":"string"},"offsetKey":{"type":"string"},"message":{"type":"string"},"lagSeconds":{"type":"number"}}};
const schema122 = {"title":"PlanExporter","type":"object","additionalProperties":false,"required":["id","type","from","to","pending"],"properties":{"id":{"type":"string"},"type":{"type":"string","description":"Canonical exporter type (alias)."},"from":{"type":"string","description":"Start of the range: the stored cursor's timestamp, or now minus lookbackPeriod."},"to":{"type":"string","description":"End of the range: now minus the source's settleDelay."},"pending":{"type":["integer","null"],"minimum":0,"description":"Records to ship, or null when it cannot be known cheaply."},"action":{"enum":["ship","none","backfill"],"description":"What apply would do."},"cursor":{"oneOf":[{"$ref":"#/$defs/cursor"},{"type":"null"}]}}};
const schema123 = {"title":"Cursor","type":"object","additionalProperties":false,"required":["ts","key"],"properties":{"ts":{"type":"string","description":"Sortable UTC timestamp with nanoseconds, YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ: the source-order position of the last acknowledged record."},"key":{"type":"string","description":"Source-specific tiebreak among records with the same timestamp."}}};

function validate78(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate78.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema122.required,parentSchema:schema122,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.type === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema122.required,parentSchema:schema122,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.from === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "from"},message:"must have required property '"+"from"+"'",schema:schema122.required,parentSchema:schema122,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.to === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "to"},message:"must have required property '"+"to"+"'",schema:schema122.required,parentSchema:schema122,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.pending === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "pending"},message:"must have required property '"+"pending"+"'",schema:schema122.required,parentSchema:schema122,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "id") || (key0 === "type")) || (key0 === "from")) || (key0 === "to")) || (key0 === "pending")) || (key0 === "action")) || (key0 === "cursor"))){
const err5 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema122,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.id !== undefined){
let data0 = data.id;
if(typeof data0 !== "string"){
const err6 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema122.properties.id.type,parentSchema:schema122.properties.id,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.type !== undefined){
let data1 = data.type;
if(typeof data1 !== "string"){
const err7 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema122.properties.type.type,parentSchema:schema122.properties.type,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.from !== undefined){
let data2 = data.from;
if(typeof data2 !== "string"){
const err8 = {instancePath:instancePath+"/from",schemaPath:"#/properties/from/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema122.properties.from.type,parentSchema:schema122.properties.from,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.to !== undefined){
let data3 = data.to;
if(typeof data3 !== "string"){
const err9 = {instancePath:instancePath+"/to",schemaPath:"#/properties/to/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema122.properties.to.type,parentSchema:schema122.properties.to,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.pending !== undefined){
let data4 = data.pending;
if((!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))) && (data4 !== null)){
const err10 = {instancePath:instancePath+"/pending",schemaPath:"#/properties/pending/type",keyword:"type",params:{type: schema122.properties.pending.type},message:"must be integer,null",schema:schema122.properties.pending.type,parentSchema:schema122.properties.pending,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 < 0 || isNaN(data4)){
const err11 = {instancePath:instancePath+"/pending",schemaPath:"#/properties/pending/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema122.properties.pending,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
if(data.action !== undefined){
let data5 = data.action;
if(!(((data5 === "ship") || (data5 === "none")) || (data5 === "backfill"))){
const err12 = {instancePath:instancePath+"/action",schemaPath:"#/properties/action/enum",keyword:"enum",params:{allowedValues: schema122.properties.action.enum},message:"must be equal to one of the allowed values",schema:schema122.properties.action.enum,parentSchema:schema122.properties.action,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.cursor !== undefined){
let data6 = data.cursor;
const _errs14 = errors;
let valid1 = false;
let passing0 = null;
const _errs15 = errors;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(data6.ts === undefined){
const err13 = {instancePath:instancePath+"/cursor",schemaPath:"#/$defs/cursor/required",keyword:"required",params:{missingProperty: "ts"},message:"must have required property '"+"ts"+"'",schema:schema123.required,parentSchema:schema123,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data6.key === undefined){
const err14 = {instancePath:instancePath+"/cursor",schemaPath:"#/$defs/cursor/required",keyword:"required",params:{missingProperty: "key"},message:"must have required property '"+"key"+"'",schema:schema123.required,parentSchema:schema123,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
for(const key1 in data6){
if(!((key1 === "ts") || (key1 === "key"))){
const err15 = {instancePath:instancePath+"/cursor",schemaPath:"#/$defs/cursor/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema123,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data6.ts !== undefined){
let data7 = data6.ts;
if(typeof data7 !== "string"){
const err16 = {instancePath:instancePath+"/cursor/ts",schemaPath:"#/$defs/cursor/properties/ts/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema123.properties.ts.type,parentSchema:schema123.properties.ts,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data6.key !== undefined){
let data8 = data6.key;
if(typeof data8 !== "string"){
const err17 = {instancePath:instancePath+"/cursor/key",schemaPath:"#/$defs/cursor/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema123.properties.key.type,parentSchema:schema123.properties.key,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/cursor",schemaPath:"#/$defs/cursor/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema123.type,parentSchema:schema123,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
var _valid0 = _errs15 === errors;
if(_valid0){
valid1 = true;
passing0 = 0;
}
const _errs23 = errors;
if(data6 !== null){
const err19 = {instancePath:instancePath+"/cursor",schemaPath:"#/properties/cursor/oneOf/1/type",keyword:"type",params:{type: "null"},message:"must be null",schema:schema122.properties.cursor.oneOf[1].type,parentSchema:schema122.properties.cursor.oneOf[1],data:data6};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
var _valid0 = _errs23 === errors;
if(_valid0 && valid1){
valid1 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid1 = true;
passing0 = 1;
}
}
if(!valid1){
const err20 = {instancePath:instancePath+"/cursor",schemaPath:"#/properties/cursor/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema122.properties.cursor.oneOf,parentSchema:schema122.properties.cursor,data:data6};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
else {
errors = _errs14;
if(vErrors !== null){
if(_errs14){
vErrors.length = _errs14;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err21 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema122.type,parentSchema:schema122,data};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
validate78.errors = vErrors;
return errors === 0;
}
validate78.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate85(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate85.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.command === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "command"},message:"must have required property '"+"command"+"'",schema:schema121.required,parentSchema:schema121,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.now === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "now"},message:"must have required property '"+"now"+"'",schema:schema121.required,parentSchema:schema121,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.shippers === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "shippers"},message:"must have required property '"+"shippers"+"'",schema:schema121.required,parentSchema:schema121,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.drift === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "drift"},message:"must have required property '"+"drift"+"'",schema:schema121.required,parentSchema:schema121,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!((((((key0 === "command") || (key0 === "now")) || (key0 === "state")) || (key0 === "shippers")) || (key0 === "drift")) || (key0 === "warnings"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema121,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.command !== undefined){
let data0 = data.command;
if("plan" !== data0){
const err5 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/const",keyword:"const",params:{allowedValue: "plan"},message:"must be equal to constant",schema:"plan",parentSchema:schema121.properties.command,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.now !== undefined){
let data1 = data.now;
if(typeof data1 !== "string"){
const err6 = {instancePath:instancePath+"/now",schemaPath:"#/properties/now/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema121.properties.now.type,parentSchema:schema121.properties.now,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.state !== undefined){
let data2 = data.state;
if(typeof data2 !== "string"){
const err7 = {instancePath:instancePath+"/state",schemaPath:"#/properties/state/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema121.properties.state.type,parentSchema:schema121.properties.state,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.shippers !== undefined){
let data3 = data.shippers;
if(Array.isArray(data3)){
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.id === undefined){
const err8 = {instancePath:instancePath+"/shippers/" + i0,schemaPath:"#/properties/shippers/items/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema121.properties.shippers.items.required,parentSchema:schema121.properties.shippers.items,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data4.exporters === undefined){
const err9 = {instancePath:instancePath+"/shippers/" + i0,schemaPath:"#/properties/shippers/items/required",keyword:"required",params:{missingProperty: "exporters"},message:"must have required property '"+"exporters"+"'",schema:schema121.properties.shippers.items.required,parentSchema:schema121.properties.shippers.items,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key1 in data4){
if(!(((key1 === "id") || (key1 === "source")) || (key1 === "exporters"))){
const err10 = {instancePath:instancePath+"/shippers/" + i0,schemaPath:"#/properties/shippers/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema121.properties.shippers.items,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data4.id !== undefined){
let data5 = data4.id;
if(typeof data5 !== "string"){
const err11 = {instancePath:instancePath+"/shippers/" + i0+"/id",schemaPath:"#/properties/shippers/items/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema121.properties.shippers.items.properties.id.type,parentSchema:schema121.properties.shippers.items.properties.id,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data4.source !== undefined){
let data6 = data4.source;
if(typeof data6 !== "string"){
const err12 = {instancePath:instancePath+"/shippers/" + i0+"/source",schemaPath:"#/properties/shippers/items/properties/source/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema121.properties.shippers.items.properties.source.type,parentSchema:schema121.properties.shippers.items.properties.source,data:data6};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data4.exporters !== undefined){
let data7 = data4.exporters;
if(Array.isArray(data7)){
const len1 = data7.length;
for(let i1=0; i1<len1; i1++){
if(!(validate78(data7[i1], {instancePath:instancePath+"/shippers/" + i0+"/exporters/" + i1,parentData:data7,parentDataProperty:i1,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate78.errors : vErrors.concat(validate78.errors);
errors = vErrors.length;
}
}
}
else {
const err13 = {instancePath:instancePath+"/shippers/" + i0+"/exporters",schemaPath:"#/properties/shippers/items/properties/exporters/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema121.properties.shippers.items.properties.exporters.type,parentSchema:schema121.properties.shippers.items.properties.exporters,data:data7};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/shippers/" + i0,schemaPath:"#/properties/shippers/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema121.properties.shippers.items.type,parentSchema:schema121.properties.shippers.items,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/shippers",schemaPath:"#/properties/shippers/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema121.properties.shippers.type,parentSchema:schema121.properties.shippers,data:data3};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.drift !== undefined){
let data9 = data.drift;
if(Array.isArray(data9)){
const len2 = data9.length;
for(let i2=0; i2<len2; i2++){
let data10 = data9[i2];
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(data10.kind === undefined){
const err16 = {instancePath:instancePath+"/drift/" + i2,schemaPath:"#/$defs/drift/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema124.required,parentSchema:schema124,data:data10};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data10.shipper === undefined){
const err17 = {instancePath:instancePath+"/drift/" + i2,schemaPath:"#/$defs/drift/required",keyword:"required",params:{missingProperty: "shipper"},message:"must have required property '"+"shipper"+"'",schema:schema124.required,parentSchema:schema124,data:data10};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(data10.message === undefined){
const err18 = {instancePath:instancePath+"/drift/" + i2,schemaPath:"#/$defs/drift/required",keyword:"required",params:{missingProperty: "message"},message:"must have required property '"+"message"+"'",schema:schema124.required,parentSchema:schema124,data:data10};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
for(const key2 in data10){
if(!((((((key2 === "kind") || (key2 === "shipper")) || (key2 === "exporter")) || (key2 === "offsetKey")) || (key2 === "message")) || (key2 === "lagSeconds"))){
const err19 = {instancePath:instancePath+"/drift/" + i2,schemaPath:"#/$defs/drift/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema124,data:data10};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data10.kind !== undefined){
let data11 = data10.kind;
if(!((((((((((data11 === "new-exporter") || (data11 === "orphaned-state")) || (data11 === "config-changed")) || (data11 === "lagging")) || (data11 === "long-backlog")) || (data11 === "destination-window")) || (data11 === "secret-unresolvable")) || (data11 === "source-missing")) || (data11 === "source-error")) || (data11 === "locked"))){
const err20 = {instancePath:instancePath+"/drift/" + i2+"/kind",schemaPath:"#/$defs/drift/properties/kind/enum",keyword:"enum",params:{allowedValues: schema124.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema124.properties.kind.enum,parentSchema:schema124.properties.kind,data:data11};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data10.shipper !== undefined){
let data12 = data10.shipper;
if(typeof data12 !== "string"){
const err21 = {instancePath:instancePath+"/drift/" + i2+"/shipper",schemaPath:"#/$defs/drift/properties/shipper/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema124.properties.shipper.type,parentSchema:schema124.properties.shipper,data:data12};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data10.exporter !== undefined){
let data13 = data10.exporter;
if(typeof data13 !== "string"){
const err22 = {instancePath:instancePath+"/drift/" + i2+"/exporter",schemaPath:"#/$defs/drift/properties/exporter/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema124.properties.exporter.type,parentSchema:schema124.properties.exporter,data:data13};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data10.offsetKey !== undefined){
let data14 = data10.offsetKey;
if(typeof data14 !== "string"){
const err23 = {instancePath:instancePath+"/drift/" + i2+"/offsetKey",schemaPath:"#/$defs/drift/properties/offsetKey/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema124.properties.offsetKey.type,parentSchema:schema124.properties.offsetKey,data:data14};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data10.message !== undefined){
let data15 = data10.message;
if(typeof data15 !== "string"){
const err24 = {instancePath:instancePath+"/drift/" + i2+"/message",schemaPath:"#/$defs/drift/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema124.properties.message.type,parentSchema:schema124.properties.message,data:data15};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data10.lagSeconds !== undefined){
let data16 = data10.lagSeconds;
if(!((typeof data16 == "number") && (isFinite(data16)))){
const err25 = {instancePath:instancePath+"/drift/" + i2+"/lagSeconds",schemaPath:"#/$defs/drift/properties/lagSeconds/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema124.properties.lagSeconds.type,parentSchema:schema124.properties.lagSeconds,data:data16};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
else {
const err26 = {instancePath:instancePath+"/drift/" + i2,schemaPath:"#/$defs/drift/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema124.type,parentSchema:schema124,data:data10};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
else {
const err27 = {instancePath:instancePath+"/drift",schemaPath:"#/properties/drift/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema121.properties.drift.type,parentSchema:schema121.properties.drift,data:data9};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data.warnings !== undefined){
let data17 = data.warnings;
if(Array.isArray(data17)){
const len3 = data17.length;
for(let i3=0; i3<len3; i3++){
let data18 = data17[i3];
if(typeof data18 !== "string"){
const err28 = {instancePath:instancePath+"/warnings/" + i3,schemaPath:"#/properties/warnings/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema121.properties.warnings.items.type,parentSchema:schema121.properties.warnings.items,data:data18};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
else {
const err29 = {instancePath:instancePath+"/warnings",schemaPath:"#/properties/warnings/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema121.properties.warnings.type,parentSchema:schema121.properties.warnings,data:data17};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
else {
const err30 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema121.type,parentSchema:schema121,data};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
validate85.errors = vErrors;
return errors === 0;
}
validate85.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

exports.applyReport = validate87;
const schema125 = {"title":"ApplyReport","type":"object","additionalProperties":false,"required":["command","now","shippers","drift","invalidLines"],"properties":{"command":{"const":"apply"},"now":{"type":"string","description":"ISO-8601 timestamp (UTC)."},"state":{"type":"string"},"shippers":{"type":"array","items":{"title":"ApplyShipper","type":"object","additionalProperties":false,"required":["id","exporters"],"properties":{"id":{"type":"string"},"source":{"type":"string"},"status":{"enum":["ok","failed","skipped","partial"]},"message":{"type":"string"},"read":{"type":"integer","minimum":0,"description":"Records read from the source that passed the filters."},"invalidLines":{"type":"integer","minimum":0},"durationMs":{"type":"number","minimum":0},"exporters":{"type":"array","items":{"$ref":"#/$defs/applyExporter"}}}}},"drift":{"type":"array","items":{"$ref":"#/$defs/drift"}},"invalidLines":{"type":"integer","minimum":0,"description":"Source lines that could not be parsed as log entries, in all shippers."},"invalidSamples":{"type":"array","maxItems":20,"items":{"$ref":"#/$defs/invalidSample"}},"warnings":{"type":"array","items":{"type":"string"}},"durationMs":{"type":"number","minimum":0}}};
const schema129 = {"type":"object","additionalProperties":false,"required":["location","reason"],"properties":{"location":{"type":"string"},"reason":{"type":"string"}},"title":"InvalidSample"};
const schema126 = {"title":"ApplyExporter","type":"object","additionalProperties":false,"required":["id","type","from","to","shipped","rejected"],"properties":{"id":{"type":"string"},"type":{"type":"string"},"from":{"type":"string","description":"ISO-8601 timestamp (UTC)."},"to":{"type":"string","description":"ISO-8601 timestamp (UTC)."},"shipped":{"type":"integer","minimum":0,"description":"Records acknowledged by the destination in this run."},"rejected":{"type":"integer","minimum":0,"description":"Records the destination (or its limits) rejected in this run; they are in the dead-letter."},"status":{"enum":["ok","failed","skipped","partial"],"description":"ok: caught up to `to`. partial: stopped early (time budget). failed: a delivery error stopped this exporter; its cursor stays at the last acknowledged batch. skipped: not run."},"requests":{"type":"integer","minimum":0},"retries":{"type":"integer","minimum":0},"truncated":{"type":"integer","minimum":0,"description":"Records shipped with a truncated message because they exceeded the destination's per-entry limit."},"error":{"type":"string"},"cursor":{"oneOf":[{"$ref":"#/$defs/cursor"},{"type":"null"}]},"deadLetter":{"type":"string","description":"Where rejected records were written."}}};

function validate82(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate82.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema126.required,parentSchema:schema126,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.type === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema126.required,parentSchema:schema126,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.from === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "from"},message:"must have required property '"+"from"+"'",schema:schema126.required,parentSchema:schema126,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.to === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "to"},message:"must have required property '"+"to"+"'",schema:schema126.required,parentSchema:schema126,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.shipped === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "shipped"},message:"must have required property '"+"shipped"+"'",schema:schema126.required,parentSchema:schema126,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.rejected === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "rejected"},message:"must have required property '"+"rejected"+"'",schema:schema126.required,parentSchema:schema126,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema126.properties, key0))){
const err6 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema126,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.id !== undefined){
let data0 = data.id;
if(typeof data0 !== "string"){
const err7 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema126.properties.id.type,parentSchema:schema126.properties.id,data:data0};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.type !== undefined){
let data1 = data.type;
if(typeof data1 !== "string"){
const err8 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema126.properties.type.type,parentSchema:schema126.properties.type,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.from !== undefined){
let data2 = data.from;
if(typeof data2 !== "string"){
const err9 = {instancePath:instancePath+"/from",schemaPath:"#/properties/from/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema126.properties.from.type,parentSchema:schema126.properties.from,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.to !== undefined){
let data3 = data.to;
if(typeof data3 !== "string"){
const err10 = {instancePath:instancePath+"/to",schemaPath:"#/properties/to/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema126.properties.to.type,parentSchema:schema126.properties.to,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.shipped !== undefined){
let data4 = data.shipped;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err11 = {instancePath:instancePath+"/shipped",schemaPath:"#/properties/shipped/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema126.properties.shipped.type,parentSchema:schema126.properties.shipped,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 < 0 || isNaN(data4)){
const err12 = {instancePath:instancePath+"/shipped",schemaPath:"#/properties/shipped/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema126.properties.shipped,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
if(data.rejected !== undefined){
let data5 = data.rejected;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err13 = {instancePath:instancePath+"/rejected",schemaPath:"#/properties/rejected/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema126.properties.rejected.type,parentSchema:schema126.properties.rejected,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 < 0 || isNaN(data5)){
const err14 = {instancePath:instancePath+"/rejected",schemaPath:"#/properties/rejected/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema126.properties.rejected,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
if(data.status !== undefined){
let data6 = data.status;
if(!((((data6 === "ok") || (data6 === "failed")) || (data6 === "skipped")) || (data6 === "partial"))){
const err15 = {instancePath:instancePath+"/status",schemaPath:"#/properties/status/enum",keyword:"enum",params:{allowedValues: schema126.properties.status.enum},message:"must be equal to one of the allowed values",schema:schema126.properties.status.enum,parentSchema:schema126.properties.status,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.requests !== undefined){
let data7 = data.requests;
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
const err16 = {instancePath:instancePath+"/requests",schemaPath:"#/properties/requests/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema126.properties.requests.type,parentSchema:schema126.properties.requests,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 < 0 || isNaN(data7)){
const err17 = {instancePath:instancePath+"/requests",schemaPath:"#/properties/requests/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema126.properties.requests,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
if(data.retries !== undefined){
let data8 = data.retries;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err18 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema126.properties.retries.type,parentSchema:schema126.properties.retries,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 < 0 || isNaN(data8)){
const err19 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema126.properties.retries,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
if(data.truncated !== undefined){
let data9 = data.truncated;
if(!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))){
const err20 = {instancePath:instancePath+"/truncated",schemaPath:"#/properties/truncated/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema126.properties.truncated.type,parentSchema:schema126.properties.truncated,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 < 0 || isNaN(data9)){
const err21 = {instancePath:instancePath+"/truncated",schemaPath:"#/properties/truncated/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema126.properties.truncated,data:data9};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
if(data.error !== undefined){
let data10 = data.error;
if(typeof data10 !== "string"){
const err22 = {instancePath:instancePath+"/error",schemaPath:"#/properties/error/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema126.properties.error.type,parentSchema:schema126.properties.error,data:data10};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.cursor !== undefined){
let data11 = data.cursor;
const _errs24 = errors;
let valid1 = false;
let passing0 = null;
const _errs25 = errors;
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
if(data11.ts === undefined){
const err23 = {instancePath:instancePath+"/cursor",schemaPath:"#/$defs/cursor/required",keyword:"required",params:{missingProperty: "ts"},message:"must have required property '"+"ts"+"'",schema:schema123.required,parentSchema:schema123,data:data11};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(data11.key === undefined){
const err24 = {instancePath:instancePath+"/cursor",schemaPath:"#/$defs/cursor/required",keyword:"required",params:{missingProperty: "key"},message:"must have required property '"+"key"+"'",schema:schema123.required,parentSchema:schema123,data:data11};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
for(const key1 in data11){
if(!((key1 === "ts") || (key1 === "key"))){
const err25 = {instancePath:instancePath+"/cursor",schemaPath:"#/$defs/cursor/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema123,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data11.ts !== undefined){
let data12 = data11.ts;
if(typeof data12 !== "string"){
const err26 = {instancePath:instancePath+"/cursor/ts",schemaPath:"#/$defs/cursor/properties/ts/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema123.properties.ts.type,parentSchema:schema123.properties.ts,data:data12};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data11.key !== undefined){
let data13 = data11.key;
if(typeof data13 !== "string"){
const err27 = {instancePath:instancePath+"/cursor/key",schemaPath:"#/$defs/cursor/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema123.properties.key.type,parentSchema:schema123.properties.key,data:data13};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
else {
const err28 = {instancePath:instancePath+"/cursor",schemaPath:"#/$defs/cursor/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema123.type,parentSchema:schema123,data:data11};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
var _valid0 = _errs25 === errors;
if(_valid0){
valid1 = true;
passing0 = 0;
}
const _errs33 = errors;
if(data11 !== null){
const err29 = {instancePath:instancePath+"/cursor",schemaPath:"#/properties/cursor/oneOf/1/type",keyword:"type",params:{type: "null"},message:"must be null",schema:schema126.properties.cursor.oneOf[1].type,parentSchema:schema126.properties.cursor.oneOf[1],data:data11};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
var _valid0 = _errs33 === errors;
if(_valid0 && valid1){
valid1 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid1 = true;
passing0 = 1;
}
}
if(!valid1){
const err30 = {instancePath:instancePath+"/cursor",schemaPath:"#/properties/cursor/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema126.properties.cursor.oneOf,parentSchema:schema126.properties.cursor,data:data11};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
else {
errors = _errs24;
if(vErrors !== null){
if(_errs24){
vErrors.length = _errs24;
}
else {
vErrors = null;
}
}
}
}
if(data.deadLetter !== undefined){
let data14 = data.deadLetter;
if(typeof data14 !== "string"){
const err31 = {instancePath:instancePath+"/deadLetter",schemaPath:"#/properties/deadLetter/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema126.properties.deadLetter.type,parentSchema:schema126.properties.deadLetter,data:data14};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
}
else {
const err32 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema126.type,parentSchema:schema126,data};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
validate82.errors = vErrors;
return errors === 0;
}
validate82.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate87(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate87.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.command === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "command"},message:"must have required property '"+"command"+"'",schema:schema125.required,parentSchema:schema125,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.now === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "now"},message:"must have required property '"+"now"+"'",schema:schema125.required,parentSchema:schema125,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.shippers === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "shippers"},message:"must have required property '"+"shippers"+"'",schema:schema125.required,parentSchema:schema125,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.drift === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "drift"},message:"must have required property '"+"drift"+"'",schema:schema125.required,parentSchema:schema125,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.invalidLines === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "invalidLines"},message:"must have required property '"+"invalidLines"+"'",schema:schema125.required,parentSchema:schema125,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema125.properties, key0))){
const err5 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema125,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.command !== undefined){
let data0 = data.command;
if("apply" !== data0){
const err6 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/const",keyword:"const",params:{allowedValue: "apply"},message:"must be equal to constant",schema:"apply",parentSchema:schema125.properties.command,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.now !== undefined){
let data1 = data.now;
if(typeof data1 !== "string"){
const err7 = {instancePath:instancePath+"/now",schemaPath:"#/properties/now/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema125.properties.now.type,parentSchema:schema125.properties.now,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.state !== undefined){
let data2 = data.state;
if(typeof data2 !== "string"){
const err8 = {instancePath:instancePath+"/state",schemaPath:"#/properties/state/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema125.properties.state.type,parentSchema:schema125.properties.state,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.shippers !== undefined){
let data3 = data.shippers;
if(Array.isArray(data3)){
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.id === undefined){
const err9 = {instancePath:instancePath+"/shippers/" + i0,schemaPath:"#/properties/shippers/items/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema125.properties.shippers.items.required,parentSchema:schema125.properties.shippers.items,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data4.exporters === undefined){
const err10 = {instancePath:instancePath+"/shippers/" + i0,schemaPath:"#/properties/shippers/items/required",keyword:"required",params:{missingProperty: "exporters"},message:"must have required property '"+"exporters"+"'",schema:schema125.properties.shippers.items.required,parentSchema:schema125.properties.shippers.items,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
for(const key1 in data4){
if(!((((((((key1 === "id") || (key1 === "source")) || (key1 === "status")) || (key1 === "message")) || (key1 === "read")) || (key1 === "invalidLines")) || (key1 === "durationMs")) || (key1 === "exporters"))){
const err11 = {instancePath:instancePath+"/shippers/" + i0,schemaPath:"#/properties/shippers/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema125.properties.shippers.items,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data4.id !== undefined){
let data5 = data4.id;
if(typeof data5 !== "string"){
const err12 = {instancePath:instancePath+"/shippers/" + i0+"/id",schemaPath:"#/properties/shippers/items/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema125.properties.shippers.items.properties.id.type,parentSchema:schema125.properties.shippers.items.properties.id,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data4.source !== undefined){
let data6 = data4.source;
if(typeof data6 !== "string"){
const err13 = {instancePath:instancePath+"/shippers/" + i0+"/source",schemaPath:"#/properties/shippers/items/properties/source/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema125.properties.shippers.items.properties.source.type,parentSchema:schema125.properties.shippers.items.properties.source,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data4.status !== undefined){
let data7 = data4.status;
if(!((((data7 === "ok") || (data7 === "failed")) || (data7 === "skipped")) || (data7 === "partial"))){
const err14 = {instancePath:instancePath+"/shippers/" + i0+"/status",schemaPath:"#/properties/shippers/items/properties/status/enum",keyword:"enum",params:{allowedValues: schema125.properties.shippers.items.properties.status.enum},message:"must be equal to one of the allowed values",schema:schema125.properties.shippers.items.properties.status.enum,parentSchema:schema125.properties.shippers.items.properties.status,data:data7};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data4.message !== undefined){
let data8 = data4.message;
if(typeof data8 !== "string"){
const err15 = {instancePath:instancePath+"/shippers/" + i0+"/message",schemaPath:"#/properties/shippers/items/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema125.properties.shippers.items.properties.message.type,parentSchema:schema125.properties.shippers.items.properties.message,data:data8};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data4.read !== undefined){
let data9 = data4.read;
if(!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))){
const err16 = {instancePath:instancePath+"/shippers/" + i0+"/read",schemaPath:"#/properties/shippers/items/properties/read/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema125.properties.shippers.items.properties.read.type,parentSchema:schema125.properties.shippers.items.properties.read,data:data9};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 < 0 || isNaN(data9)){
const err17 = {instancePath:instancePath+"/shippers/" + i0+"/read",schemaPath:"#/properties/shippers/items/properties/read/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema125.properties.shippers.items.properties.read,data:data9};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
if(data4.invalidLines !== undefined){
let data10 = data4.invalidLines;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err18 = {instancePath:instancePath+"/shippers/" + i0+"/invalidLines",schemaPath:"#/properties/shippers/items/properties/invalidLines/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema125.properties.shippers.items.properties.invalidLines.type,parentSchema:schema125.properties.shippers.items.properties.invalidLines,data:data10};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 < 0 || isNaN(data10)){
const err19 = {instancePath:instancePath+"/shippers/" + i0+"/invalidLines",schemaPath:"#/properties/shippers/items/properties/invalidLines/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema125.properties.shippers.items.properties.invalidLines,data:data10};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
if(data4.durationMs !== undefined){
let data11 = data4.durationMs;
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 < 0 || isNaN(data11)){
const err20 = {instancePath:instancePath+"/shippers/" + i0+"/durationMs",schemaPath:"#/properties/shippers/items/properties/durationMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema125.properties.shippers.items.properties.durationMs,data:data11};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/shippers/" + i0+"/durationMs",schemaPath:"#/properties/shippers/items/properties/durationMs/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema125.properties.shippers.items.properties.durationMs.type,parentSchema:schema125.properties.shippers.items.properties.durationMs,data:data11};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data4.exporters !== undefined){
let data12 = data4.exporters;
if(Array.isArray(data12)){
const len1 = data12.length;
for(let i1=0; i1<len1; i1++){
if(!(validate82(data12[i1], {instancePath:instancePath+"/shippers/" + i0+"/exporters/" + i1,parentData:data12,parentDataProperty:i1,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate82.errors : vErrors.concat(validate82.errors);
errors = vErrors.length;
}
}
}
else {
const err22 = {instancePath:instancePath+"/shippers/" + i0+"/exporters",schemaPath:"#/properties/shippers/items/properties/exporters/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema125.properties.shippers.items.properties.exporters.type,parentSchema:schema125.properties.shippers.items.properties.exporters,data:data12};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath:instancePath+"/shippers/" + i0,schemaPath:"#/properties/shippers/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema125.properties.shippers.items.type,parentSchema:schema125.properties.shippers.items,data:data4};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath:instancePath+"/shippers",schemaPath:"#/properties/shippers/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema125.properties.shippers.type,parentSchema:schema125.properties.shippers,data:data3};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.drift !== undefined){
let data14 = data.drift;
if(Array.isArray(data14)){
const len2 = data14.length;
for(let i2=0; i2<len2; i2++){
let data15 = data14[i2];
if(data15 && typeof data15 == "object" && !Array.isArray(data15)){
if(data15.kind === undefined){
const err25 = {instancePath:instancePath+"/drift/" + i2,schemaPath:"#/$defs/drift/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema124.required,parentSchema:schema124,data:data15};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(data15.shipper === undefined){
const err26 = {instancePath:instancePath+"/drift/" + i2,schemaPath:"#/$defs/drift/required",keyword:"required",params:{missingProperty: "shipper"},message:"must have required property '"+"shipper"+"'",schema:schema124.required,parentSchema:schema124,data:data15};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(data15.message === undefined){
const err27 = {instancePath:instancePath+"/drift/" + i2,schemaPath:"#/$defs/drift/required",keyword:"required",params:{missingProperty: "message"},message:"must have required property '"+"message"+"'",schema:schema124.required,parentSchema:schema124,data:data15};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
for(const key2 in data15){
if(!((((((key2 === "kind") || (key2 === "shipper")) || (key2 === "exporter")) || (key2 === "offsetKey")) || (key2 === "message")) || (key2 === "lagSeconds"))){
const err28 = {instancePath:instancePath+"/drift/" + i2,schemaPath:"#/$defs/drift/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema124,data:data15};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data15.kind !== undefined){
let data16 = data15.kind;
if(!((((((((((data16 === "new-exporter") || (data16 === "orphaned-state")) || (data16 === "config-changed")) || (data16 === "lagging")) || (data16 === "long-backlog")) || (data16 === "destination-window")) || (data16 === "secret-unresolvable")) || (data16 === "source-missing")) || (data16 === "source-error")) || (data16 === "locked"))){
const err29 = {instancePath:instancePath+"/drift/" + i2+"/kind",schemaPath:"#/$defs/drift/properties/kind/enum",keyword:"enum",params:{allowedValues: schema124.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema124.properties.kind.enum,parentSchema:schema124.properties.kind,data:data16};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data15.shipper !== undefined){
let data17 = data15.shipper;
if(typeof data17 !== "string"){
const err30 = {instancePath:instancePath+"/drift/" + i2+"/shipper",schemaPath:"#/$defs/drift/properties/shipper/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema124.properties.shipper.type,parentSchema:schema124.properties.shipper,data:data17};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data15.exporter !== undefined){
let data18 = data15.exporter;
if(typeof data18 !== "string"){
const err31 = {instancePath:instancePath+"/drift/" + i2+"/exporter",schemaPath:"#/$defs/drift/properties/exporter/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema124.properties.exporter.type,parentSchema:schema124.properties.exporter,data:data18};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data15.offsetKey !== undefined){
let data19 = data15.offsetKey;
if(typeof data19 !== "string"){
const err32 = {instancePath:instancePath+"/drift/" + i2+"/offsetKey",schemaPath:"#/$defs/drift/properties/offsetKey/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema124.properties.offsetKey.type,parentSchema:schema124.properties.offsetKey,data:data19};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data15.message !== undefined){
let data20 = data15.message;
if(typeof data20 !== "string"){
const err33 = {instancePath:instancePath+"/drift/" + i2+"/message",schemaPath:"#/$defs/drift/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema124.properties.message.type,parentSchema:schema124.properties.message,data:data20};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data15.lagSeconds !== undefined){
let data21 = data15.lagSeconds;
if(!((typeof data21 == "number") && (isFinite(data21)))){
const err34 = {instancePath:instancePath+"/drift/" + i2+"/lagSeconds",schemaPath:"#/$defs/drift/properties/lagSeconds/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema124.properties.lagSeconds.type,parentSchema:schema124.properties.lagSeconds,data:data21};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
else {
const err35 = {instancePath:instancePath+"/drift/" + i2,schemaPath:"#/$defs/drift/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema124.type,parentSchema:schema124,data:data15};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
else {
const err36 = {instancePath:instancePath+"/drift",schemaPath:"#/properties/drift/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema125.properties.drift.type,parentSchema:schema125.properties.drift,data:data14};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data.invalidLines !== undefined){
let data22 = data.invalidLines;
if(!(((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22))) && (isFinite(data22)))){
const err37 = {instancePath:instancePath+"/invalidLines",schemaPath:"#/properties/invalidLines/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema125.properties.invalidLines.type,parentSchema:schema125.properties.invalidLines,data:data22};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if((typeof data22 == "number") && (isFinite(data22))){
if(data22 < 0 || isNaN(data22)){
const err38 = {instancePath:instancePath+"/invalidLines",schemaPath:"#/properties/invalidLines/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema125.properties.invalidLines,data:data22};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
}
if(data.invalidSamples !== undefined){
let data23 = data.invalidSamples;
if(Array.isArray(data23)){
if(data23.length > 20){
const err39 = {instancePath:instancePath+"/invalidSamples",schemaPath:"#/properties/invalidSamples/maxItems",keyword:"maxItems",params:{limit: 20},message:"must NOT have more than 20 items",schema:20,parentSchema:schema125.properties.invalidSamples,data:data23};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
const len3 = data23.length;
for(let i3=0; i3<len3; i3++){
let data24 = data23[i3];
if(data24 && typeof data24 == "object" && !Array.isArray(data24)){
if(data24.location === undefined){
const err40 = {instancePath:instancePath+"/invalidSamples/" + i3,schemaPath:"#/$defs/invalidSample/required",keyword:"required",params:{missingProperty: "location"},message:"must have required property '"+"location"+"'",schema:schema129.required,parentSchema:schema129,data:data24};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if(data24.reason === undefined){
const err41 = {instancePath:instancePath+"/invalidSamples/" + i3,schemaPath:"#/$defs/invalidSample/required",keyword:"required",params:{missingProperty: "reason"},message:"must have required property '"+"reason"+"'",schema:schema129.required,parentSchema:schema129,data:data24};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
for(const key3 in data24){
if(!((key3 === "location") || (key3 === "reason"))){
const err42 = {instancePath:instancePath+"/invalidSamples/" + i3,schemaPath:"#/$defs/invalidSample/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema129,data:data24};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data24.location !== undefined){
let data25 = data24.location;
if(typeof data25 !== "string"){
const err43 = {instancePath:instancePath+"/invalidSamples/" + i3+"/location",schemaPath:"#/$defs/invalidSample/properties/location/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema129.properties.location.type,parentSchema:schema129.properties.location,data:data25};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data24.reason !== undefined){
let data26 = data24.reason;
if(typeof data26 !== "string"){
const err44 = {instancePath:instancePath+"/invalidSamples/" + i3+"/reason",schemaPath:"#/$defs/invalidSample/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema129.properties.reason.type,parentSchema:schema129.properties.reason,data:data26};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
}
else {
const err45 = {instancePath:instancePath+"/invalidSamples/" + i3,schemaPath:"#/$defs/invalidSample/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema129.type,parentSchema:schema129,data:data24};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
}
else {
const err46 = {instancePath:instancePath+"/invalidSamples",schemaPath:"#/properties/invalidSamples/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema125.properties.invalidSamples.type,parentSchema:schema125.properties.invalidSamples,data:data23};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data.warnings !== undefined){
let data27 = data.warnings;
if(Array.isArray(data27)){
const len4 = data27.length;
for(let i4=0; i4<len4; i4++){
let data28 = data27[i4];
if(typeof data28 !== "string"){
const err47 = {instancePath:instancePath+"/warnings/" + i4,schemaPath:"#/properties/warnings/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema125.properties.warnings.items.type,parentSchema:schema125.properties.warnings.items,data:data28};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
}
else {
const err48 = {instancePath:instancePath+"/warnings",schemaPath:"#/properties/warnings/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema125.properties.warnings.type,parentSchema:schema125.properties.warnings,data:data27};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data.durationMs !== undefined){
let data29 = data.durationMs;
if((typeof data29 == "number") && (isFinite(data29))){
if(data29 < 0 || isNaN(data29)){
const err49 = {instancePath:instancePath+"/durationMs",schemaPath:"#/properties/durationMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema125.properties.durationMs,data:data29};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
else {
const err50 = {instancePath:instancePath+"/durationMs",schemaPath:"#/properties/durationMs/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema125.properties.durationMs.type,parentSchema:schema125.properties.durationMs,data:data29};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
}
else {
const err51 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema125.type,parentSchema:schema125,data};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
validate87.errors = vErrors;
return errors === 0;
}
validate87.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

exports.offsetRecord = validate90;
const schema136 = {"title":"OffsetRecord","type":"object","additionalProperties":false,"required":["cursor","updatedAt","configHash","shipped","rejected"],"properties":{"cursor":{"title":"StoredCursor","type":"object","additionalProperties":false,"required":["ts","key"],"properties":{"ts":{"type":"string","pattern":"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z$"},"key":{"type":"string"}}},"updatedAt":{"type":"string"},"configHash":{"type":"string"},"exporterType":{"type":"string"},"shipped":{"type":"integer","minimum":0},"rejected":{"type":"integer","minimum":0}}};
const pattern49 = new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z$", "u");

function validate90(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate90.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.cursor === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "cursor"},message:"must have required property '"+"cursor"+"'",schema:schema136.required,parentSchema:schema136,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.updatedAt === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "updatedAt"},message:"must have required property '"+"updatedAt"+"'",schema:schema136.required,parentSchema:schema136,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.configHash === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "configHash"},message:"must have required property '"+"configHash"+"'",schema:schema136.required,parentSchema:schema136,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.shipped === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "shipped"},message:"must have required property '"+"shipped"+"'",schema:schema136.required,parentSchema:schema136,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.rejected === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "rejected"},message:"must have required property '"+"rejected"+"'",schema:schema136.required,parentSchema:schema136,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key0 in data){
if(!((((((key0 === "cursor") || (key0 === "updatedAt")) || (key0 === "configHash")) || (key0 === "exporterType")) || (key0 === "shipped")) || (key0 === "rejected"))){
const err5 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema136,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.cursor !== undefined){
let data0 = data.cursor;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.ts === undefined){
const err6 = {instancePath:instancePath+"/cursor",schemaPath:"#/properties/cursor/required",keyword:"required",params:{missingProperty: "ts"},message:"must have required property '"+"ts"+"'",schema:schema136.properties.cursor.required,parentSchema:schema136.properties.cursor,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data0.key === undefined){
const err7 = {instancePath:instancePath+"/cursor",schemaPath:"#/properties/cursor/required",keyword:"required",params:{missingProperty: "key"},message:"must have required property '"+"key"+"'",schema:schema136.properties.cursor.required,parentSchema:schema136.properties.cursor,data:data0};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
for(const key1 in data0){
if(!((key1 === "ts") || (key1 === "key"))){
const err8 = {instancePath:instancePath+"/cursor",schemaPath:"#/properties/cursor/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema136.properties.cursor,data:data0};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data0.ts !== undefined){
let data1 = data0.ts;
if(typeof data1 === "string"){
if(!pattern49.test(data1)){
const err9 = {instancePath:instancePath+"/cursor/ts",schemaPath:"#/properties/cursor/properties/ts/pattern",keyword:"pattern",params:{pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z$"},message:"must match pattern \""+"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z$"+"\"",schema:"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z$",parentSchema:schema136.properties.cursor.properties.ts,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/cursor/ts",schemaPath:"#/properties/cursor/properties/ts/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema136.properties.cursor.properties.ts.type,parentSchema:schema136.properties.cursor.properties.ts,data:data1};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data0.key !== undefined){
let data2 = data0.key;
if(typeof data2 !== "string"){
const err11 = {instancePath:instancePath+"/cursor/key",schemaPath:"#/properties/cursor/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema136.properties.cursor.properties.key.type,parentSchema:schema136.properties.cursor.properties.key,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath:instancePath+"/cursor",schemaPath:"#/properties/cursor/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema136.properties.cursor.type,parentSchema:schema136.properties.cursor,data:data0};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.updatedAt !== undefined){
let data3 = data.updatedAt;
if(typeof data3 !== "string"){
const err13 = {instancePath:instancePath+"/updatedAt",schemaPath:"#/properties/updatedAt/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema136.properties.updatedAt.type,parentSchema:schema136.properties.updatedAt,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.configHash !== undefined){
let data4 = data.configHash;
if(typeof data4 !== "string"){
const err14 = {instancePath:instancePath+"/configHash",schemaPath:"#/properties/configHash/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema136.properties.configHash.type,parentSchema:schema136.properties.configHash,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.exporterType !== undefined){
let data5 = data.exporterType;
if(typeof data5 !== "string"){
const err15 = {instancePath:instancePath+"/exporterType",schemaPath:"#/properties/exporterType/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema136.properties.exporterType.type,parentSchema:schema136.properties.exporterType,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.shipped !== undefined){
let data6 = data.shipped;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err16 = {instancePath:instancePath+"/shipped",schemaPath:"#/properties/shipped/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema136.properties.shipped.type,parentSchema:schema136.properties.shipped,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 < 0 || isNaN(data6)){
const err17 = {instancePath:instancePath+"/shipped",schemaPath:"#/properties/shipped/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema136.properties.shipped,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
if(data.rejected !== undefined){
let data7 = data.rejected;
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
const err18 = {instancePath:instancePath+"/rejected",schemaPath:"#/properties/rejected/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema136.properties.rejected.type,parentSchema:schema136.properties.rejected,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 < 0 || isNaN(data7)){
const err19 = {instancePath:instancePath+"/rejected",schemaPath:"#/properties/rejected/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema136.properties.rejected,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
}
else {
const err20 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema136.type,parentSchema:schema136,data};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
validate90.errors = vErrors;
return errors === 0;
}
validate90.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

exports.stateFile = validate89;
const schema135 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://log-shipper.dev/schemas/state.schema.json","title":"StateFile","description":"A file state store's document: the offsets of one shipper, one per offsetKey and exporter.","type":"object","additionalProperties":false,"required":["version","shipper","offsets"],"properties":{"version":{"const":1},"shipper":{"type":"string"},"offsets":{"type":"object","additionalProperties":{"$ref":"#/$defs/offsetRecord"},"description":"Keyed by `<offsetKey>/<exporterId>`."}},"$defs":{"offsetRecord":{"title":"OffsetRecord","type":"object","additionalProperties":false,"required":["cursor","updatedAt","configHash","shipped","rejected"],"properties":{"cursor":{"title":"StoredCursor","type":"object","additionalProperties":false,"required":["ts","key"],"properties":{"ts":{"type":"string","pattern":"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z$"},"key":{"type":"string"}}},"updatedAt":{"type":"string"},"configHash":{"type":"string"},"exporterType":{"type":"string"},"shipped":{"type":"integer","minimum":0},"rejected":{"type":"integer","minimum":0}}}}};

function validate89(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://log-shipper.dev/schemas/state.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate89.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.version === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'",schema:schema135.required,parentSchema:schema135,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.shipper === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "shipper"},message:"must have required property '"+"shipper"+"'",schema:schema135.required,parentSchema:schema135,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.offsets === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "offsets"},message:"must have required property '"+"offsets"+"'",schema:schema135.required,parentSchema:schema135,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "version") || (key0 === "shipper")) || (key0 === "offsets"))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema135,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.version !== undefined){
let data0 = data.version;
if(1 !== data0){
const err4 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant",schema:1,parentSchema:schema135.properties.version,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.shipper !== undefined){
let data1 = data.shipper;
if(typeof data1 !== "string"){
const err5 = {instancePath:instancePath+"/shipper",schemaPath:"#/properties/shipper/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema135.properties.shipper.type,parentSchema:schema135.properties.shipper,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.offsets !== undefined){
let data2 = data.offsets;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key1 in data2){
let data3 = data2[key1];
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.cursor === undefined){
const err6 = {instancePath:instancePath+"/offsets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/offsetRecord/required",keyword:"required",params:{missingProperty: "cursor"},message:"must have required property '"+"cursor"+"'",schema:schema136.required,parentSchema:schema136,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data3.updatedAt === undefined){
const err7 = {instancePath:instancePath+"/offsets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/offsetRecord/required",keyword:"required",params:{missingProperty: "updatedAt"},message:"must have required property '"+"updatedAt"+"'",schema:schema136.required,parentSchema:schema136,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data3.configHash === undefined){
const err8 = {instancePath:instancePath+"/offsets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/offsetRecord/required",keyword:"required",params:{missingProperty: "configHash"},message:"must have required property '"+"configHash"+"'",schema:schema136.required,parentSchema:schema136,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data3.shipped === undefined){
const err9 = {instancePath:instancePath+"/offsets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/offsetRecord/required",keyword:"required",params:{missingProperty: "shipped"},message:"must have required property '"+"shipped"+"'",schema:schema136.required,parentSchema:schema136,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data3.rejected === undefined){
const err10 = {instancePath:instancePath+"/offsets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/offsetRecord/required",keyword:"required",params:{missingProperty: "rejected"},message:"must have required property '"+"rejected"+"'",schema:schema136.required,parentSchema:schema136,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
for(const key2 in data3){
if(!((((((key2 === "cursor") || (key2 === "updatedAt")) || (key2 === "configHash")) || (key2 === "exporterType")) || (key2 === "shipped")) || (key2 === "rejected"))){
const err11 = {instancePath:instancePath+"/offsets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/offsetRecord/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema136,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data3.cursor !== undefined){
let data4 = data3.cursor;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.ts === undefined){
const err12 = {instancePath:instancePath+"/offsets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/cursor",schemaPath:"#/$defs/offsetRecord/properties/cursor/required",keyword:"required",params:{missingProperty: "ts"},message:"must have required property '"+"ts"+"'",schema:schema136.properties.cursor.required,parentSchema:schema136.properties.cursor,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(data4.key === undefined){
const err13 = {instancePath:instancePath+"/offsets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/cursor",schemaPath:"#/$defs/offsetRecord/properties/cursor/required",keyword:"required",params:{missingProperty: "key"},message:"must have required property '"+"key"+"'",schema:schema136.properties.cursor.required,parentSchema:schema136.properties.cursor,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
for(const key3 in data4){
if(!((key3 === "ts") || (key3 === "key"))){
const err14 = {instancePath:instancePath+"/offsets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/cursor",schemaPath:"#/$defs/offsetRecord/properties/cursor/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema136.properties.cursor,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data4.ts !== undefined){
let data5 = data4.ts;
if(typeof data5 === "string"){
if(!pattern49.test(data5)){
const err15 = {instancePath:instancePath+"/offsets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/cursor/ts",schemaPath:"#/$defs/offsetRecord/properties/cursor/properties/ts/pattern",keyword:"pattern",params:{pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z$"},message:"must match pattern \""+"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z$"+"\"",schema:"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z$",parentSchema:schema136.properties.cursor.properties.ts,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/offsets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/cursor/ts",schemaPath:"#/$defs/offsetRecord/properties/cursor/properties/ts/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema136.properties.cursor.properties.ts.type,parentSchema:schema136.properties.cursor.properties.ts,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data4.key !== undefined){
let data6 = data4.key;
if(typeof data6 !== "string"){
const err17 = {instancePath:instancePath+"/offsets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/cursor/key",schemaPath:"#/$defs/offsetRecord/properties/cursor/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema136.properties.cursor.properties.key.type,parentSchema:schema136.properties.cursor.properties.key,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/offsets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/cursor",schemaPath:"#/$defs/offsetRecord/properties/cursor/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema136.properties.cursor.type,parentSchema:schema136.properties.cursor,data:data4};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data3.updatedAt !== undefined){
let data7 = data3.updatedAt;
if(typeof data7 !== "string"){
const err19 = {instancePath:instancePath+"/offsets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/updatedAt",schemaPath:"#/$defs/offsetRecord/properties/updatedAt/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema136.properties.updatedAt.type,parentSchema:schema136.properties.updatedAt,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data3.configHash !== undefined){
let data8 = data3.configHash;
if(typeof data8 !== "string"){
const err20 = {instancePath:instancePath+"/offsets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/configHash",schemaPath:"#/$defs/offsetRecord/properties/configHash/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema136.properties.configHash.type,parentSchema:schema136.properties.configHash,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data3.exporterType !== undefined){
let data9 = data3.exporterType;
if(typeof data9 !== "string"){
const err21 = {instancePath:instancePath+"/offsets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/exporterType",schemaPath:"#/$defs/offsetRecord/properties/exporterType/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema136.properties.exporterType.type,parentSchema:schema136.properties.exporterType,data:data9};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data3.shipped !== undefined){
let data10 = data3.shipped;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err22 = {instancePath:instancePath+"/offsets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/shipped",schemaPath:"#/$defs/offsetRecord/properties/shipped/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema136.properties.shipped.type,parentSchema:schema136.properties.shipped,data:data10};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 < 0 || isNaN(data10)){
const err23 = {instancePath:instancePath+"/offsets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/shipped",schemaPath:"#/$defs/offsetRecord/properties/shipped/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema136.properties.shipped,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
if(data3.rejected !== undefined){
let data11 = data3.rejected;
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err24 = {instancePath:instancePath+"/offsets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/rejected",schemaPath:"#/$defs/offsetRecord/properties/rejected/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema136.properties.rejected.type,parentSchema:schema136.properties.rejected,data:data11};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 < 0 || isNaN(data11)){
const err25 = {instancePath:instancePath+"/offsets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/rejected",schemaPath:"#/$defs/offsetRecord/properties/rejected/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema136.properties.rejected,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
}
else {
const err26 = {instancePath:instancePath+"/offsets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/offsetRecord/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema136.type,parentSchema:schema136,data:data3};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
else {
const err27 = {instancePath:instancePath+"/offsets",schemaPath:"#/properties/offsets/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema135.properties.offsets.type,parentSchema:schema135.properties.offsets,data:data2};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
else {
const err28 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema135.type,parentSchema:schema135,data};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
validate89.errors = vErrors;
return errors === 0;
}
validate89.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

