import React from 'react';
import Stripe from 'stripe';
export { z } from 'zod';
export * from '@tanstack/react-query';
import fetch = require('node-fetch');
const axios = require('axios');
const resolved = require.resolve('dotenv/config');
async function later() {
  return import('@upstash/redis/nodejs');
}
import fs from 'fs';
import url from 'node:url';
import './styles.css';
import type { Thing } from 'type-only-lib';
export { React, Stripe, fetch, axios, resolved, later, fs, url };
export type { Thing };
