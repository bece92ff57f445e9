-- Device cookies (issue 21): an attempt that a valid device cookie exempted from the sign-in
-- delays records the cookie's device id, so that cookie's own failures can be counted.
ALTER TABLE "LoginAttempt" ADD COLUMN "deviceId" TEXT;

CREATE INDEX "LoginAttempt_deviceId_createdAt_idx" ON "LoginAttempt"("deviceId", "createdAt");
