CREATE TABLE "User" ("id" TEXT NOT NULL, "email" TEXT NOT NULL, "passwordHash" TEXT NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
