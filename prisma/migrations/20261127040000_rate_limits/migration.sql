-- Rate limits (sign-in, Test connection, Send test trace) are counted by rate-limiter-flexible
-- in this table: one row per key, updated atomically with INSERT … ON CONFLICT, expired rows
-- deleted by the limiter itself. It replaces sign_in_attempts, which grew without bound and
-- was read and then written (concurrent attempts were all checked).
CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

DROP TABLE "sign_in_attempts";
