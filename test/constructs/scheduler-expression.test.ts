import { SchedulerExpressionError, toSchedulerExpression } from "../../constructs";

describe("toSchedulerExpression", () => {
  it.each([
    ["@daily", "cron(0 0 * * ? *)"],
    ["@midnight", "cron(0 0 * * ? *)"],
    ["@hourly", "cron(0 * * * ? *)"],
    ["@weekly", "cron(0 0 ? * SUN *)"],
    ["@monthly", "cron(0 0 1 * ? *)"],
    ["@yearly", "cron(0 0 1 1 ? *)"],
    ["@annually", "cron(0 0 1 1 ? *)"],
    ["*/15 * * * *", "cron(0/15 * * * ? *)"],
    ["5/10 * * * *", "cron(5/10 * * * ? *)"],
    ["0 */6 * * *", "cron(0 0/6 * * ? *)"],
    ["0 9-17/2 * * *", "cron(0 9,11,13,15,17 * * ? *)"],
    ["30 8 * * 1-5", "cron(30 8 ? * MON-FRI *)"],
    ["0 0 * * 0,6", "cron(0 0 ? * SUN,SAT *)"],
    ["0 0 * * 7", "cron(0 0 ? * SUN *)"],
    ["0 0 * * 5-7", "cron(0 0 ? * SUN,FRI,SAT *)"],
    ["0 0 * * */2", "cron(0 0 ? * SUN,TUE,THU,SAT *)"],
    ["0 0 * * mon,wed", "cron(0 0 ? * MON,WED *)"],
    ["0 0 * * 0-6", "cron(0 0 ? * * *)"],
    ["0 0 * * 1#2", "cron(0 0 ? * 2#2 *)"],
    ["0 0 * * FRI#3", "cron(0 0 ? * 6#3 *)"],
    ["0 0 * * 5L", "cron(0 0 ? * 6L *)"],
    ["0 0 L * *", "cron(0 0 L * ? *)"],
    ["0 12 1,15 * *", "cron(0 12 1,15 * ? *)"],
    ["0 0 */2 * *", "cron(0 0 1/2 * ? *)"],
    ["0 0 1 jan,jul *", "cron(0 0 1 JAN,JUL ? *)"],
    ["0 0 1 */3 *", "cron(0 0 1 1/3 ? *)"],
    ["05 07 * * *", "cron(5 7 * * ? *)"],
    ["0 30 8 * * *", "cron(30 8 * * ? *)"],
    ["00 0 0 * * ?", "cron(0 0 * * ? *)"],
  ])("converts %s to %s", (kestra, scheduler) => {
    expect(toSchedulerExpression(kestra)).toBe(scheduler);
  });

  it.each([
    ["30 0 0 * * *", /seconds field "30".*must be 0/],
    ["*/10 * * * * *", /seconds field "\*\/10".*must be 0/],
    ["0 0 15 * 1", /both day-of-month \(15\) and day-of-week \(1\) are restricted/],
    ["0 0 * * 5L,1", /# and L can only be used alone/],
    ["0 0 L,15 * *", /day-of-month "L,15" is not supported/],
    ["61 * * * *", /not a valid cron expression/],
    ["0 0 * *", /has 4 fields/],
    ["@fortnightly", /unknown macro "@fortnightly"/],
    ["every day", /has 2 fields/],
  ])("refuses %s", (kestra, reason) => {
    expect(() => toSchedulerExpression(kestra)).toThrow(SchedulerExpressionError);
    expect(() => toSchedulerExpression(kestra)).toThrow(reason);
  });

  it("checks the time zone like the runtime does", () => {
    expect(toSchedulerExpression("@daily", "Europe/Paris")).toBe("cron(0 0 * * ? *)");
    expect(() => toSchedulerExpression("@daily", "Mars/Olympus")).toThrow(
      /unknown time zone "Mars\/Olympus"/,
    );
  });
});
