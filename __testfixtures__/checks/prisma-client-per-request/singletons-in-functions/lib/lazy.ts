import { PrismaClient } from '@prisma/client';

let client: PrismaClient | undefined;

export function getClient() {
  if (!client) client = new PrismaClient();
  return client;
}

export function makeClient() {
  return new PrismaClient();
}

export class Repository {
  db: PrismaClient;

  constructor() {
    this.db = new PrismaClient();
  }
}

class Reports {
  static instance: Reports;
  db = new PrismaClient();

  constructor() {
    this.db = new PrismaClient();
  }

  static get() {
    return new Reports();
  }
}

export const reports = () => Reports.get();
