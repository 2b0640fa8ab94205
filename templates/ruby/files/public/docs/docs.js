// Renders /openapi.json as a list of operations, each with its parameters, body and response schemas.
'use strict';

function element(tag, text) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

function resolve(doc, schema) {
  if (schema && schema.$ref) return doc.components.schemas[schema.$ref.split('/').pop()];
  return schema;
}

function schemaBlock(doc, title, schema) {
  const section = element('div');
  section.append(element('h4', title), element('pre', JSON.stringify(resolve(doc, schema), null, 2)));
  return section;
}

function operation(doc, path, method, op, shared) {
  const details = element('details');
  const summary = element('summary');
  summary.append(element('span', method), ` ${path} — ${op.summary || ''}`);
  summary.firstChild.className = 'method';
  details.append(summary);
  const params = [...(shared || []), ...(op.parameters || [])];
  if (params.length > 0) {
    const list = element('ul');
    for (const p of params) list.append(element('li', `${p.name} (${p.in}): ${JSON.stringify(p.schema)}`));
    details.append(element('h4', 'Parameters'), list);
  }
  const body = op.requestBody && op.requestBody.content['application/json'];
  if (body) details.append(schemaBlock(doc, 'Request body', body.schema));
  for (const [status, response] of Object.entries(op.responses)) {
    const content = response.content && Object.values(response.content)[0];
    details.append(content ? schemaBlock(doc, `${status}: ${response.description}`, content.schema) : element('h4', `${status}: ${response.description}`));
  }
  return details;
}

async function main() {
  const target = document.getElementById('operations');
  const response = await fetch('/openapi.json');
  const doc = await response.json();
  document.getElementById('title').textContent = `${doc.info.title} ${doc.info.version}`;
  target.replaceChildren();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post', 'patch', 'delete']) {
      if (item[method]) target.append(operation(doc, path, method, item[method], item.parameters));
    }
  }
}

main().catch((error) => {
  document.getElementById('operations').textContent = `Could not load /openapi.json: ${error}`;
});
