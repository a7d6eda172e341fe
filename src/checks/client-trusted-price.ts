import type { CallExpression, Node, ObjectProperty } from '@babel/types';
import { defineCheck } from './define.ts';
import { memberName, propertyName } from '../engine/ast.ts';
import { forEachNode } from '../engine/walk.ts';
import { enclosingHandler, mayDefineRequestHandlers, requestHandlers, type RequestHandler } from '../analysis/request-handlers.ts';
import { callerInput } from '../analysis/request-input.ts';
import { rowWrites, unwrap } from '../analysis/request-body.ts';
import { screened } from '../engine/needles.ts';

const PRICE_WORDS = screened(/amount|total|price/);

/** Stripe amounts: every price a Checkout line item, a PaymentIntent or an invoice item charges. */
const STRIPE_AMOUNT_KEYS = new Set(['unit_amount', 'unit_amount_decimal']);
/** `amount` is Stripe's only where these objects take it. */
const STRIPE_AMOUNT_OBJECTS = /\b(paymentIntents|charges|invoiceItems|paymentLinks|transfers)\.(create|update)$/;
const ORDER_TARGET = /order|invoice|purchase|checkout|booking|cart/i;
const MONEY_FIELD = /^(total|amount|price|subtotal|grand_?total|total_?(price|amount|cost)|unit_?price|cost)$/i;
/** Calls that keep a number the caller sent: `Math.round(price * 100)` is still their price. */
const NUMERIC_CALLS = new Set([
  'Number',
  'parseInt',
  'parseFloat',
  'String',
  'BigInt',
  'round',
  'ceil',
  'floor',
  'trunc',
  'abs',
  'toFixed',
]);
/** Array methods whose result, or whose callback's item, is made of the array's elements. */
const ELEMENT_METHODS = new Set(['map', 'flatMap', 'forEach', 'filter', 'reduce', 'find', 'some', 'every']);
const TRUSTED_SOURCES = new Set(['headers', 'cookies', 'url']);

const isConstant = (node: Node) => node.type === 'NumericLiteral' || (node.type === 'Identifier' && /^[A-Z_]+$/.test(node.name));

function calleeText(node: Node): string {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression') return `${calleeText(node.object)}.${memberName(node) ?? '?'}`;
  return '?';
}

/** What a handler's caller decides: input names, and names computed from them by arithmetic and array methods. */
function callerValues(handler: RequestHandler): { derived: (node: Node) => boolean; direct: (node: Node) => boolean } {
  const input = callerInput(handler);
  const names = new Set([...input.bindings].filter(([, source]) => !TRUSTED_SOURCES.has(source)).map(([name]) => name));
  const derived = (node: Node | null | undefined): boolean => {
    if (!node) return false;
    const source = input.sourceOf(node);
    if (source && !TRUSTED_SOURCES.has(source) && node.type !== 'CallExpression') return true;
    const value = unwrap(node);
    switch (value.type) {
      case 'Identifier':
        return names.has(value.name);
      case 'MemberExpression':
      case 'OptionalMemberExpression':
        return derived(value.object);
      case 'BinaryExpression': {
        const left = value.left as Node;
        // A server price times the caller's quantity is the server's price: only a factor that is itself theirs, or a constant, keeps it theirs.
        if (value.operator === '*')
          return (derived(left) && (derived(value.right) || isConstant(value.right))) || (derived(value.right) && isConstant(left));
        if (value.operator === '/') return derived(left);
        return derived(left) || derived(value.right);
      }
      case 'LogicalExpression':
        return derived(value.left) || derived(value.right);
      case 'ConditionalExpression':
        return derived(value.consequent) || derived(value.alternate);
      case 'UnaryExpression':
        return derived(value.argument);
      case 'TemplateLiteral':
        return value.expressions.some((expression) => derived(expression as Node));
      case 'CallExpression': {
        const name = value.callee.type === 'Identifier' ? value.callee.name : memberName(value.callee);
        if (!name) return false;
        if (NUMERIC_CALLS.has(name))
          return value.callee.type === 'MemberExpression' && name === 'toFixed'
            ? derived(value.callee.object)
            : value.arguments.some((argument) => derived(argument as Node));
        return ELEMENT_METHODS.has(name) && value.callee.type === 'MemberExpression' && derived(value.callee.object);
      }
      default:
        return false;
    }
  };
  for (let pass = 0; pass < 3; pass++) {
    forEachNode(handler.fn.body, (node) => {
      if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init && derived(node.init)) names.add(node.id.name);
      if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return;
      const method = memberName(node.callee);
      if (!method || !ELEMENT_METHODS.has(method) || !derived(node.callee.object)) return;
      const callback = node.arguments[0];
      if (!callback || (callback.type !== 'ArrowFunctionExpression' && callback.type !== 'FunctionExpression')) return;
      const item = callback.params[method === 'reduce' ? 1 : 0];
      if (item?.type === 'Identifier') names.add(item.name);
      if (item?.type === 'ObjectPattern')
        for (const property of item.properties)
          if (property.type === 'ObjectProperty' && property.value.type === 'Identifier') names.add(property.value.name);
    });
  }
  const direct = (node: Node) => {
    const source = input.sourceOf(node);
    return source !== null && !TRUSTED_SOURCES.has(source);
  };
  return { derived, direct };
}

/** The object literal a call takes, following a local name to its initialiser. */
function optionsObject(call: CallExpression, handler: RequestHandler): Node | null {
  const argument = call.arguments[0] as Node | undefined;
  if (!argument) return null;
  if (argument.type !== 'Identifier') return argument;
  let init: Node | null = null;
  forEachNode(handler.fn.body, (node) => {
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.id.name === argument.name && node.init)
      init = node.init;
  });
  return init;
}

export default defineCheck({
  meta: {
    id: 'client-trusted-price',
    title: 'Price or amount taken from the request',
    severity: 'high',
    category: 'auth',
    messages: {
      stripeAmount:
        '`{{key}}` comes from the request (`{{value}}`): a caller can set their own price, one cent included. Look the price up on the server by the product id (a Stripe Price id, or the price in your database).',
      orderTotal:
        "`{{key}}` of the {{target}} written here comes from the request (`{{value}}`): a caller decides what they owe. Compute it on the server from the products' prices.",
    },
    docs: 'A checkout that charges what the browser sends (`unit_amount: body.price * 100`, `paymentIntents.create({ amount: body.amount })`) lets anyone pay one cent for anything: the request is theirs to edit. Send product ids and quantities from the browser and look the prices up on the server, from Stripe Prices (`line_items: [{ price: "price_…", quantity }]`) or from your database; the same for an order total written to the database.',
    prefilter: (text, project, file) => PRICE_WORDS.test(text) && mayDefineRequestHandlers(text, project, file),
    fix: null,
    finds:
      "in a Pages API route, route handler or server action, a Stripe `unit_amount` (Checkout `price_data`, invoice items, prices) or the `amount` of `paymentIntents`/`charges`/`invoiceItems`/`paymentLinks`/`transfers.create`, or the total, amount or price of an order, invoice, purchase, booking or cart row written to the database, computed from the request's body, query or form, or a server action's arguments (through arithmetic, `Math.round`, `Number()` and array callbacks). A price id, or a price read from the database by a product id, is not reported; nor are donation forms, where the giver picks the amount",
    sources: [
      {
        title: 'Stripe: Manage products and prices (create prices on the server, pass Price ids)',
        url: 'https://docs.stripe.com/products-prices/manage-prices',
      },
      {
        title: 'Stripe API: Create a Checkout Session (line_items.price, price_data)',
        url: 'https://docs.stripe.com/api/checkout/sessions/create',
      },
      {
        title: 'OWASP Web Security Testing Guide: Test Business Logic Data Validation',
        url: 'https://owasp.org/www-project-web-security-testing-guide/stable/4-Web_Application_Security_Testing/10-Business_Logic_Testing/01-Test_Business_Logic_Data_Validation',
      },
    ],
  },
  check(ctx) {
    if (!ctx.ast) return;
    const handlers = requestHandlers(ctx.file.path, ctx.ast, ctx.project);
    if (handlers.length === 0) return;
    const values = new Map<RequestHandler, ReturnType<typeof callerValues>>();
    const fromCaller = (handler: RequestHandler) => {
      let derived = values.get(handler);
      if (!derived) values.set(handler, (derived = callerValues(handler)));
      return derived;
    };
    const text = (node: Node) => ctx.file.text.slice(node.start!, node.end!);
    const reported = new Set<Node>();
    const report = (property: ObjectProperty, messageId: 'stripeAmount' | 'orderTotal', target = '') => {
      if (reported.has(property)) return;
      reported.add(property);
      ctx.report({ node: property, messageId, data: { key: propertyName(property), value: text(property.value), target } });
    };
    const donation = (handler: RequestHandler) => /donat/i.test(text(handler.fn));
    return {
      CallExpression(call, ancestors) {
        const handler = enclosingHandler(handlers, ancestors);
        if (!handler || donation(handler)) return;
        const { derived, direct } = fromCaller(handler);
        const callee = calleeText(call.callee);
        if (
          /\.(create|update)$/.test(callee) &&
          /\b(sessions|paymentIntents|charges|invoiceItems|prices|paymentLinks|subscriptions|transfers)\b/.test(callee)
        ) {
          const options = optionsObject(call, handler);
          const amountIsStripe = STRIPE_AMOUNT_OBJECTS.test(callee);
          if (!options) return;
          // Line items are often built in a local first: every `unit_amount` of the handler counts once it reaches Stripe.
          forEachNode(handler.fn.body, (node) => {
            if (node.type !== 'ObjectProperty') return;
            const key = propertyName(node);
            if (key && STRIPE_AMOUNT_KEYS.has(key) && derived(node.value as Node)) report(node, 'stripeAmount');
          });
          if (options.type === 'ObjectExpression') {
            for (const property of options.properties) {
              if (property.type !== 'ObjectProperty') continue;
              const key = propertyName(property);
              if (amountIsStripe && key === 'amount' && derived(property.value as Node)) report(property, 'stripeAmount');
              // Line items as the browser sent them, `price_data` and all: the handler builds none of its own.
              if (key === 'line_items' && direct(property.value as Node) && !/\b(price_data|unit_amount|price)\s*:/.test(text(handler.fn)))
                report(property, 'stripeAmount');
            }
          }
          return;
        }
        for (const write of rowWrites(call)) {
          if (!ORDER_TARGET.test(write.target)) continue;
          const rows = unwrap(write.value);
          for (const row of rows.type === 'ArrayExpression' ? rows.elements : [rows]) {
            if (row?.type !== 'ObjectExpression') continue;
            for (const property of row.properties) {
              const key = property.type === 'ObjectProperty' ? propertyName(property) : null;
              if (property.type === 'ObjectProperty' && key && MONEY_FIELD.test(key) && derived(property.value as Node))
                report(property, 'orderTotal', write.target);
            }
          }
        }
      },
    };
  },
});
