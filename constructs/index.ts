// CDK-for-Terraform constructs of log-shipper: one LogShipperRuntime per stack, one LogShipper per shipper.
export {
  DEFAULT_HANDLER_ENTRY,
  HANDLER_ENTRY_CONTEXT,
  LOG_RETENTION_DAYS,
  LogShipperRuntime,
  type LogShipperRuntimeProps,
  type ShipperRegistration,
} from "./runtime";
export {
  LogShipper,
  type KestraFlowOptions,
  type LogShipperOptions,
  type LogShipperProps,
  type LogShipperSecret,
} from "./log-shipper";
export { SchedulerExpressionError, toSchedulerExpression } from "./private/scheduler-expression";
