"""Classes of broken output found on real API documents, each cut down to a minimal document.

Every class here once generated with exit 0 (or failed inside the generator) while the
package did not compile, type-check or pass its own tests. The documents are written here;
the comment above each names a real document that shows the class. Each document is
generated once per style into a temporary folder, then checked as ``make test`` checks a
package: ``mypy --strict`` and the package's pytest suite (Python), ``tsc --strict`` and
``node --test`` (TypeScript). Errors are told apart by the file they are in: every class of
the combined document has its own tag, so its own resource (and test) file. Behaviour a
type check cannot see is probed by a small program run against the generated package:
Python scripts in a child process, TypeScript test files compiled and run with the package.
"""

from __future__ import annotations

import re
import shutil
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile import harness

CHECK_SECONDS = 300.0
"""A type check or test run of a package may take this long (two shared cores, cold caches)."""

BUILD = """
openapi: 3.0.3
info: {title: Classes, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  # adafruit.com.json, amazonaws.com/amplifybackend.json: one requestBodies entry used by two operations
  /blocks:
    post:
      tags: [shared]
      operationId: createBlock
      requestBody: {$ref: '#/components/requestBodies/BlockBody'}
      responses: {"204": {description: none}}
  /blocks/{id}:
    put:
      tags: [shared]
      operationId: updateBlock
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      requestBody: {$ref: '#/components/requestBodies/BlockBody'}
      responses: {"204": {description: none}}
  # amazonaws.com/amplifyuibuilder.json, amazonaws.com/apigateway.json, GitHub v3: a body property named body
  /flags:
    put:
      tags: [bodyname]
      operationId: putFlag
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [body]
              properties:
                body: {type: object, properties: {enabled: {type: boolean}}}
                name: {type: string}
      responses: {"204": {description: none}}
  # amazonaws.com/backupstorage.json: a path key with a fragment
  /jobs/{id}/complete#checksum:
    put:
      tags: [fragment]
      operationId: completeJob
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: checksum, in: query, required: true, schema: {type: string}}
      responses: {"204": {description: none}}
  /owner:
    get:
      tags: [pets]
      operationId: getOwner
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Owner'}}}}
  /pet:
    get:
      tags: [pets]
      operationId: getPet
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
  /combined:
    get:
      tags: [allof]
      operationId: getCombined
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Combined'}}}}
  /upload:
    post:
      tags: [multipart]
      operationId: uploadFiles
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [files]
              properties:
                files: {type: array, items: {type: string, format: binary}}
                label: {type: string}
      responses: {"204": {description: none}}
  # a named union with a date: the decoded value is cast to "datetime.date | int", a string
  /when:
    get:
      tags: [dates]
      operationId: getWhen
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/When'}}}}
  /records:
    get:
      tags: [nulls]
      operationId: getRecord
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Record'}}}}
  # gettyimages.com.json: VideoAspectRatioFilterType is {type: string, enum: [969, 556, ...]}
  /aspect:
    get:
      tags: [enums]
      operationId: getAspect
      parameters:
        - {name: ratio, in: query, required: true, schema: {$ref: '#/components/schemas/AspectRatio'}}
        - {name: level, in: query, required: true, schema: {$ref: '#/components/schemas/Level'}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Aspect'}}}}
  /names/{self}:
    post:
      tags: [names]
      operationId: collide
      parameters:
        - {name: self, in: path, required: true, schema: {type: string}}
        - {name: request_options, in: query, schema: {type: string}}
        - {name: requestOptions, in: header, schema: {type: string}}
        - {name: options, in: query, schema: {type: string}}
        - {name: _response, in: query, schema: {type: string}}
        - {name: _rt, in: query, schema: {type: string}}
        - {name: httpx, in: query, schema: {type: string}}
        - {name: foo-bar, in: query, schema: {type: string}}
        - {name: foo_bar, in: query, schema: {type: string}}
        - {name: class, in: query, schema: {type: string}}
        - {name: signal, in: query, schema: {type: string}}
        - {name: init, in: query, schema: {type: string}}
        - {name: path, in: query, schema: {type: string}}
        - {name: query, in: query, schema: {type: string}}
        - {name: headers, in: query, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties:
                self: {type: string}
                path: {type: integer}
                query: {type: integer}
                from_dict: {type: string}
                to_dict: {type: string}
                check: {type: integer}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Model'}}}}
  # amazonaws.com/support-app.json: no fixed example text matches the pattern, and minLength pads past it
  /channels:
    post:
      tags: [patterns]
      operationId: createChannel
      parameters:
        - {name: team, in: query, required: true, schema: {type: string, pattern: '^T[0-9A-Z]{1,254}$'}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [channelRoleArn]
              properties:
                channelRoleArn: {type: string, pattern: '^arn:aws:iam::[0-9]{12}:role/(.+)$', minLength: 31}
      responses: {"204": {description: none}}
  # loket.nl: a save helper's required argument whose example its own pattern refuses (the pattern is the word
  # "date", the example a date-time): the fake-API test of the helper ran the call with it and was refused
  /overview:
    get:
      tags: [overview]
      operationId: getOverview
      parameters:
        - name: startDate
          in: query
          required: true
          schema: {type: string, pattern: date, example: "2025-10-15T13:53:59.508Z"}
      responses:
        "200": {description: ok, content: {application/pdf: {schema: {type: string, format: binary}}}}
  # loket.nl: a path template holding a character no URL holds as it is; httpx sends it percent-encoded
  /dossiers/{id}/export":
    get:
      tags: [literal]
      operationId: exportDossier
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses: {"204": {description: none}}
  # visma.net, bitbucket.org: a path parameter and a body property the TypeScript client names alike
  # (accountCd, accountCD): its tests gave the path argument the body property's value
  /accounts/{accountCd}:
    put:
      tags: [samename]
      operationId: putAccount
      parameters:
        - {name: accountCd, in: path, required: true, schema: {type: string, minLength: 2}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties:
                accountCD: {type: object, properties: {value: {type: string}}}
      responses: {"204": {description: none}}
  # amazonaws.com/email.json, sns.json: objects inside query values (an array of objects, an object's members);
  # Python sent their repr, TypeScript "[object Object]", Go an object parameter as one JSON text
  /notices:
    get:
      tags: [inquery]
      operationId: sendNotices
      parameters:
        - name: Entries
          in: query
          required: true
          schema: {type: array, items: {$ref: '#/components/schemas/NoticeEntry'}}
        - name: Options
          in: query
          schema:
            type: object
            properties:
              Kind: {type: string, example: "a&b<c"}
              Meta: {type: object, properties: {Level: {type: number, example: 2.0}, Zone: {type: string}}}
        - name: Filter
          in: query
          style: deepObject
          schema: {type: object, properties: {Since: {type: string}, Tags: {type: array, items: {type: string}}}}
      responses: {"204": {description: none}}
  # superset.apache.local, rudder.example.local: a parameter given by `content` in JSON goes as one JSON text
  /reports/{ids}:
    get:
      tags: [injson]
      operationId: listReports
      parameters:
        - name: ids
          in: path
          required: true
          content: {application/json: {schema: {type: array, items: {type: integer}, example: [3, 1]}}}
        - name: q
          in: query
          required: true
          content:
            application/json:
              schema:
                type: object
                properties: {page: {type: integer, example: 2}, filter: {type: string, example: "a b&c"}}
        - name: X-Meta
          in: header
          content: {application/json: {schema: {type: object, properties: {Zone: {type: string, example: eu}}}}}
        - name: label
          in: query
          content: {application/json: {schema: {type: string, example: bare}}}
      responses: {"204": {description: none}}
  # zuora.com: a UUID no shorter than 64 characters; jellyfin.local: a path object whose properties are all
  # read-only (an empty segment): no value the client takes exists, and the request tests sent one it refused
  /jobs/{jobId}:
    delete:
      tags: [novalue]
      operationId: deleteJob
      parameters:
        - {name: jobId, in: path, required: true, schema: {type: string, format: uuid, minLength: 64}}
      responses: {"204": {description: none}}
  /plugins/{version}:
    post:
      tags: [novalue]
      operationId: enablePlugin
      parameters:
        - {name: version, in: path, required: true, schema: {$ref: '#/components/schemas/Version'}}
      responses: {"204": {description: none}}
    get:
      tags: [novalue]
      operationId: getPluginImage
      parameters: [{name: version, in: path, required: true, schema: {$ref: '#/components/schemas/Version'}}]
      responses:
        "200": {description: ok, content: {image/png: {schema: {type: string, format: binary}}}}
  /plugins:
    get:
      tags: [novalue]
      operationId: listPlugins
      responses: {"204": {description: none}}
  # zuora.com: a required body whose schema is an alias of a model (an allOf of one reference), sent whole
  /line-items/{itemId}:
    put:
      tags: [aliasbody]
      operationId: putLineItem
      parameters: [{name: itemId, in: path, required: true, schema: {type: string}}]
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/LineItemUpdate'}}}
      responses: {"204": {description: none}}
  # jirafe.com: bounds at 2**53, where a step of 1 or 0.5 is lost to a double's rounding (the refusal tests sent
  # the bound itself)
  /prices:
    post:
      tags: [bounds]
      operationId: setPrice
      parameters:
        - {name: amount, in: query, required: true, schema: {type: number, minimum: 0, maximum: 9007199254740992}}
        - name: count
          in: query
          required: true
          schema: {type: integer, minimum: -9007199254740992, maximum: 9007199254740992}
      responses: {"204": {description: none}}
  # portfoliooptimizer.io: numbers in the open interval (0, 1): the example of a bound plus or minus one fell
  # outside it, and every exchange test of the operation sent 0.0, which the client refuses
  /thresholds:
    post:
      tags: [interval]
      operationId: setThresholds
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [levels, share]
              properties:
                levels:
                  type: array
                  items: {type: number, minimum: 0, exclusiveMinimum: true, maximum: 1, exclusiveMaximum: true}
                share: {type: integer, minimum: 4, exclusiveMinimum: true, maximum: 6, exclusiveMaximum: true}
      responses: {"204": {description: none}}
  # hetzner.cloud: a union of a number and a string, answered "42": Python's client decoded it as the number 42.0
  /metrics:
    get:
      tags: [numberorstring]
      operationId: getMetrics
      responses:
        "200":
          description: the series
          content:
            application/json:
              schema:
                type: object
                required: [values]
                properties:
                  values:
                    type: array
                    items: {type: array, items: {oneOf: [{type: number}, {type: string}]}}
                    example: [[1435781470.622, "42"], [1435781471.622, "43"]]
  /metrics/latest:
    get:
      tags: [numberorstring]
      operationId: getLatestMetric
      responses:
        "200":
          description: one value
          content:
            application/json:
              schema: {oneOf: [{type: number}, {type: string}], example: "42"}
  # shipengine.com: a nullable model property whose default is null: the refusal tests of its members built it
  # of the member alone, without the model's required properties, and the client refused (or failed) elsewhere
  /labels:
    post:
      tags: [nullmodel]
      operationId: createLabel
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Label'}}}}
      responses: {"204": {description: none}}
  # azure.com/datalake-store-filesystem: GETs of one path told apart by a fragment are one route of the fake API,
  # answered as the first: the fake-API test of the second's save helper got the first's JSON for the file
  /files/{name}#op=LIST:
    get:
      tags: [fragments]
      operationId: listFiles
      parameters: [{name: name, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: ok, content: {application/json: {schema: {type: object}}}}}
  /files/{name}#op=OPEN:
    get:
      tags: [fragments]
      operationId: openFile
      parameters: [{name: name, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: ok, content: {application/octet-stream: {schema: {type: string, format: binary}}}}
  # exavault.com: a discriminator without a mapping whose variants' own property allows one value each
  # ("account", not the schema name Account): every client refused the answers the server sends
  /included:
    get:
      tags: [implied]
      operationId: listIncluded
      responses:
        "200":
          description: the included objects
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Included'}}
  # swagger2-wide/alibaba-pouch.yaml: an example map holding null where its values are lists (Python's test built the
  # model from it and failed in decode_list before sending)
  /ports:
    post:
      tags: [nullmap]
      operationId: bindPorts
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, properties: {bindings: {$ref: '#/components/schemas/PortMap'}}}
      responses: {"204": {description: none}}
  # rapidapi.com/dynamicdocs: an API key in the header "ADVICEment API Key", a header parameter named with spaces:
  # no HTTP library writes such a header (Go's client refused, TypeScript's fetch threw): left out, with warnings
  /spaced:
    get:
      tags: [spacedheader]
      operationId: listSpaced
      parameters:
        - {name: "X Trace Id", in: header, required: true, schema: {type: string}}
        - {name: "X-Trace", in: header, required: true, schema: {type: string}}
      responses: {"200": {description: ok, content: {application/json: {schema: {type: object}}}}}
  /spaced/compile:
    post:
      tags: [spacedheader]
      operationId: compileSpaced
      security: [{spacedKey: []}]
      responses: {"200": {description: ok, content: {application/json: {schema: {type: object}}}}}
components:
  securitySchemes:
    spacedKey: {type: apiKey, in: header, name: "ADVICEment API Key"}
  requestBodies:
    BlockBody:
      required: true
      content:
        application/json:
          schema:
            type: object
            properties:
              name: {type: string}
              feeds:
                type: array
                items: {type: object, properties: {key: {type: string}}}
  schemas:
    Label:
      type: object
      required: [customs]
      properties:
        customs: {nullable: true, default: null, allOf: [{$ref: '#/components/schemas/CustomsOptions'}]}
    CustomsOptions:
      type: object
      required: [contents]
      properties:
        contents: {type: string, enum: [gift, merchandise], default: merchandise}
        items:
          type: array
          items: {type: object, properties: {country: {type: string, minLength: 2, maxLength: 2}}}
    Version:
      type: object
      properties: {Major: {type: integer, readOnly: true}, Minor: {type: integer, readOnly: true}}
    LineItemUpdate:
      allOf: [{$ref: '#/components/schemas/LineItemCommon'}]
    LineItemCommon:
      type: object
      properties: {name: {type: string}, quantity: {type: number}}
    NoticeEntry:
      type: object
      required: [Id]
      properties:
        Zeta: {type: string, example: "<z>"}
        Id: {type: string}
        Score: {type: number, example: 2.0}
        Attributes: {type: object, additionalProperties: {type: string}, example: {}}
    Owner:
      type: object
      properties:
        pet: {$ref: '#/components/schemas/Pet'}
    PortMap:
      type: object
      additionalProperties: {type: array, items: {$ref: '#/components/schemas/PortBinding'}}
      example: {"443/tcp": [{HostIp: "127.0.0.1"}], "2377/tcp": null}
    PortBinding: {type: object, nullable: true, properties: {HostIp: {type: string}}}
    Included:
      anyOf: [{$ref: '#/components/schemas/Account'}, {$ref: '#/components/schemas/Resource'}]
      discriminator: {propertyName: type}
    Account:
      type: object
      required: [type]
      properties: {type: {type: string, enum: [account]}, id: {type: integer}}
    Resource:
      type: object
      required: [type]
      properties: {type: {$ref: '#/components/schemas/ResourceType'}, path: {type: string}}
    ResourceType: {type: string, enum: [resource]}
    Pet:
      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
      discriminator:
        propertyName: petType
        mapping: {cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog'}
    Cat:
      type: object
      required: [petType]
      properties: {petType: {type: string}, meow: {type: boolean}}
    Dog:
      type: object
      required: [petType]
      properties: {petType: {type: string}, bark: {type: boolean}}
    NullableBase:
      type: object
      nullable: true
      properties: {id: {type: string}}
    Combined:
      allOf:
        - {$ref: '#/components/schemas/NullableBase'}
        - {type: object, nullable: true, properties: {extra: {type: string}}}
    Record:
      type: object
      required: [a]
      properties:
        a: {type: string, nullable: true}
        b: {type: string}
        c: {type: array, items: {type: string}}
        d: {$ref: '#/components/schemas/Cat'}
    When: {oneOf: [{type: string, format: date}, {type: integer}]}
    AspectRatio: {type: string, enum: [969, 556]}
    Level: {type: integer, enum: [1, 2]}
    Aspect:
      type: object
      properties:
        ratio: {$ref: '#/components/schemas/AspectRatio'}
        level: {$ref: '#/components/schemas/Level'}
    Model:
      type: object
      properties:
        Field: {type: string}
        field: {type: integer}
        from_dict: {type: string}
        to_dict: {type: string}
        check: {type: integer}
    Field: {type: string}
    Any: {type: integer}
    datetime: {type: string}
"""

# amazonaws.com/amplify.json, amadeus.com/amadeus-branded-fares-upsell.json: the "too many items"
# test of an array of objects (two keys: with one, `() => { id: "x" }` parses as a label and
# quietly builds an array of undefined)
ARROW = """
openapi: 3.0.3
info: {title: Arrow, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /items:
    post:
      operationId: putItems
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [items]
              properties:
                items:
                  type: array
                  maxItems: 2
                  items: {type: object, required: [id, kind], properties: {id: {type: string}, kind: {type: string}}}
      responses: {"204": {description: none}}
"""

# airbyte.local/config.json (getOpenApiSpec), openapi-python-client's end-to-end documents:
# a download with no argument at all
DOWNLOAD = """
openapi: 3.0.3
info: {title: Dl, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /spec:
    get:
      operationId: getSpec
      responses:
        "200": {description: the file, content: {text/plain: {schema: {type: string, format: binary}}}}
"""

# a map of itself (amazonaws.com documents' JSON "document" values; TS2456 in the sweep)
RECURSIVE = """
openapi: 3.0.3
info: {title: Rec, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /tree:
    get:
      operationId: getTree
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Tree'}}}}
  /node:
    get:
      operationId: getNode
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}
components:
  schemas:
    Tree:
      type: object
      additionalProperties: {$ref: '#/components/schemas/Tree'}
    Node:
      type: object
      properties:
        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
        parent: {allOf: [{$ref: '#/components/schemas/Node'}], nullable: true}
"""

# ideal-postcodes.co.uk.json, github.com/ghes-2.22.json, github.com/github.ae.json (TS2345): a required
# property (and array items) referencing a nullable model that constrains something, so has a check function
NULLREF = """
openapi: 3.0.3
info: {title: Nullref, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /phones:
    post:
      operationId: addPhone
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/Phone'}}}
      responses: {"204": {description: none}}
components:
  schemas:
    Carrier:
      type: object
      nullable: true
      required: [name]
      properties: {name: {type: string, nullable: true, maxLength: 30}}
    Phone:
      type: object
      required: [current, history]
      properties:
        current: {$ref: '#/components/schemas/Carrier'}
        history: {type: array, items: {$ref: '#/components/schemas/Carrier'}}
"""

# vtex.local/Marketplace-Protocol.json (generated tests fail in both styles): a header parameter named
# like the header an API key of the operation fills (sent twice, or one value over the other), and an
# optional nullable property whose test value is null (the Python model leaves it out)
KEYS = """
openapi: 3.0.3
info: {title: Keys, version: "1"}
servers: [{url: "https://api.example.test"}]
security: [{appKey: []}]
paths:
  /orders:
    post:
      operationId: placeOrder
      parameters:
        - {name: x-app-key, in: header, required: true, schema: {type: string, example: appKey}}
        - {name: x-trace, in: header, required: true, schema: {type: string, example: trace}}
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}
      responses: {"204": {description: none}}
components:
  securitySchemes:
    appKey: {type: apiKey, in: header, name: X-App-Key}
  schemas:
    Order:
      type: object
      properties:
        orderId: {type: string, example: "o-1"}
        paymentData: {type: object, nullable: true, default: null}
"""

# stripe-spec2.json (163 query parameters): Swagger 2.0 `type: array` without the `items` it requires
ITEMLESS = """
swagger: "2.0"
info: {title: Itemless, version: "1"}
host: api.example.test
schemes: [https]
paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - {name: expand, in: query, type: array, description: fields to expand}
      responses:
        "200": {description: ok, schema: {type: object, properties: {id: {type: string}}}}
"""

# amazonaws.com/opsworkscm.json: a pattern written escaped (`\\(\\?ms\\)\\s*^-----BEGIN ...`), which no text matches
UNMATCHABLE = r"""
openapi: 3.0.3
info: {title: Unmatchable, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /servers:
    post:
      operationId: createServer
      parameters:
        - {name: note, in: query, schema: {type: string, pattern: '\(\?s\)x^y'}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties:
                name: {type: string}
                privateKey: {type: string, pattern: '\(\?ms\)\s*^-----BEGIN$'}
                options: {$ref: '#/components/schemas/Options'}
      responses: {"204": {description: none}}
  # amazonaws.com/dataexchange.json: a required property whose pattern nothing matches, in an optional model
  # (left out of the tests' body) and in a required body (the operation gets no exchange test)
  /jobs:
    post:
      operationId: createJob
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, properties: {details: {$ref: '#/components/schemas/Details'}}}
      responses: {"204": {description: none}}
  /grants:
    post:
      operationId: createGrant
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Policy'}}}}
      responses: {"204": {description: none}}
components:
  schemas:
    Details:
      type: object
      properties:
        policy: {$ref: '#/components/schemas/Policy'}
        note: {type: string, maxLength: 3}
    Policy:
      type: object
      required: [catalogId, roleArn]
      properties:
        catalogId: {type: string, pattern: '.*/^[\d]{12}$/.*', minLength: 12, maxLength: 12}
        roleArn: {type: string, maxLength: 5}
    Options:
      type: object
      properties:
        label: {type: string}
        certificate: {type: string, pattern: 'a^b'}
"""

# amazonaws.com/iot.json, amazonaws.com/models.lex.v2.json (TS2590 "union type that is too complex to
# represent"): a test file whose table has more than a thousand rows of distinct types (here: decodings,
# each operation answering an object of its own)
WIDE_OPERATIONS = 1010
WIDE = """
openapi: 3.0.3
info: {title: Wide, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
""" + "".join(
    f"  /w{i}:\n    get:\n      operationId: getW{i}\n      responses:\n"
    f'        "200": {{description: ok, content: {{application/json: {{schema: '
    f"{{type: object, required: [p{i}], properties: {{p{i}: {{type: string}}}}}}}}}}}}\n"
    for i in range(WIDE_OPERATIONS)
)

# docker-engine.yaml (TS2322 "Type '{}' is not assignable to type 'null'", 62 times): properties whose only
# value is null (an `enum` of a non-scalar `{}`, which is skipped; `type: "null"`) under a spec example `{}`
NULLONLY = """
openapi: 3.1.0
info: {title: Nullonly, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /containers:
    post:
      operationId: createContainer
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/Config'}}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Config'}}}}
components:
  schemas:
    Config:
      type: object
      required: [name]
      properties:
        name: {type: string}
        exposedPorts:
          type: [object, "null"]
          additionalProperties: {type: object, enum: [{}], default: {}}
          example: {"443/tcp": {}, "80/tcp": {}}
        reserved: {type: "null", example: {}}
        marker: {type: object, enum: [{}], example: {}}
"""

# swagger2-wide/sendgrid-v3.json: a DELETE whose body and 202 answer are `type: "null"` (Python's client decoded the
# empty answer as JSON; TypeScript's test expected a JSON body the client had no value to send)
NULLBODY = """
openapi: 3.1.0
info: {title: Nullbody, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /lists/{id}:
    delete:
      operationId: deleteList
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      requestBody: {content: {application/json: {schema: {type: "null"}}}}
      responses:
        "202": {description: deleted, content: {application/json: {schema: {type: "null"}}}}
        "404": {description: gone, content: {application/json: {schema: {type: object}}}}
"""

# the hooks option (`client.hooks` in Python and TypeScript; Python's `close()`, TypeScript's `baseUrl` and
# `toString()`): a tag named like a member of the client class made a resource attribute that collided with it
# (mypy: "Cannot assign to a method", incompatible assignment; tsc: TS2300 "Duplicate identifier 'hooks'")
MEMBERS = """
openapi: 3.0.3
info: {title: Members, version: "1"}
servers: [{url: "https://api.example.test"}]
tags: [{name: hooks, description: The account's webhooks.}]
paths:
  /hooks:
    get:
      operationId: listHooks
      tags: [hooks]
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: array, items: {type: string}}}}}
  /close:
    post:
      operationId: closeAccount
      tags: [close]
      responses:
        "204": {description: closed}
  /base:
    get:
      operationId: getBase
      tags: [baseUrl]
      responses:
        "204": {description: ok}
  /text:
    get:
      operationId: getText
      tags: [toString]
      responses:
        "204": {description: ok}
"""

# --------------------------------------------------------------------- probes

PY_PROBES = {
    "discriminator": """
        from cls import models

        pet = models.Owner.from_dict({"pet": {"petType": "dog", "bark": True}}).pet
        assert isinstance(pet, models.Dog), pet
        cat = models.Owner.from_dict({"pet": {"petType": "cat", "bark": True}}).pet
        assert isinstance(cat, models.Cat), cat

        import httpx
        from cls import Cls, ResponseDecodeError

        bird = httpx.Response(200, json={"petType": "bird"})
        http = httpx.Client(transport=httpx.MockTransport(lambda r: bird))
        try:
            Cls(base_url="https://api.example.test", http_client=http).pets.get_pet()
        except ResponseDecodeError:
            pass
        else:
            raise AssertionError("an unmapped petType was decoded")
    """,
    "implied": """
        import httpx
        from cls import Cls, models

        body = [{"type": "account", "id": 1}, {"type": "resource", "path": "/a"}, {"type": "Account", "id": 2}]
        http = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, json=body)))
        got = Cls(base_url="https://api.example.test", http_client=http).implied.list_included()
        assert [type(item).__name__ for item in got] == ["Account", "Resource", "Account"], got
    """,
    "allof": """
        import httpx
        from cls import Cls

        null = httpx.Response(200, content=b"null", headers={"content-type": "application/json"})
        http = httpx.Client(transport=httpx.MockTransport(lambda r: null))
        assert Cls(base_url="https://api.example.test", http_client=http).allof.get_combined() is None
    """,
    "multipart": """
        import httpx
        from cls import Cls

        seen: list[httpx.Request] = []

        def answer(request: httpx.Request) -> httpx.Response:
            seen.append(request)
            return httpx.Response(204)

        http = httpx.Client(transport=httpx.MockTransport(answer))
        Cls(base_url="https://api.example.test", http_client=http).multipart.upload_files(
            files=[b"first", b"second"], label="x"
        )
        (request,) = seen
        assert request.headers["content-type"].startswith("multipart/form-data; boundary="), request.headers
        body = request.read()
        assert body.count(b'name="files"') == 2 and b"first" in body and b"second" in body, body
    """,
    "nulls": """
        from cls import models

        record = models.Record.from_dict({"a": None, "b": None, "c": None, "d": None})
        assert (record.a, record.b, record.c, record.d) == (None, None, None, None), record
    """,
}

TS_PROBES = {
    "discriminator": """
        import type * as models from "../src/models.js";

        // petType names the variant: a Cat's members under petType "dog" are no Pet
        // @ts-expect-error
        export const wrong: models.Pet = { petType: "dog", meow: true };
        export const right: models.Pet = { petType: "dog", bark: true };

        import { test } from "node:test";
        import assert from "node:assert/strict";
        import { Cls, ResponseDecodeError } from "../src/index.js";

        function answering(body: unknown): Cls {
          const fetch = async () => Response.json(body);
          return new Cls({ baseUrl: "https://api.example.test", fetch });
        }

        test("probe discriminator: a petType the mapping does not name is a decoding error", async () => {
          await assert.rejects(answering({ petType: "bird" }).pets.getPet(), ResponseDecodeError);
          const dog = { petType: "dog", bark: true };
          assert.deepEqual(await answering(dog).pets.getPet(), dog);
        });
    """,
    "allof": """
        import type { Cls } from "../src/client.js";

        // every part of Combined's allOf is nullable, so null is a Combined
        export const nothing: Awaited<ReturnType<Cls["allof"]["getCombined"]>> = null;
    """,
    "multipart": """
        import { test } from "node:test";
        import assert from "node:assert/strict";
        import { Cls } from "../src/index.js";

        test("probe multipart: an array of files is one part per file", async () => {
          const seen: Request[] = [];
          const client = new Cls({
            baseUrl: "https://api.example.test",
            fetch: async (input, init) => {
              seen.push(new Request(input, init));
              return new Response(null, { status: 204 });
            },
          });
          await client.multipart.uploadFiles({ files: [new Blob(["first"]), new Blob(["second"])], label: "x" });
          const form = await seen[0]!.formData();
          assert.equal(form.getAll("files").length, 2);
        });
    """,
}


# --------------------------------------------------------------------- building and checking


@dataclass(frozen=True, slots=True)
class Build:
    """One document generated in one style, and what its checks said."""

    generated: harness.Outcome
    out: Path
    typecheck: str
    """mypy's or tsc's output: one line per error, each naming its file."""
    typecheck_code: int
    """mypy's or tsc's exit code."""
    tests: str
    """The package's own test run (Python: pytest -rf; TypeScript: node --test, probes included)."""
    probes: dict[str, harness.Outcome]
    """Python probes by class (TypeScript probes are test files of the package)."""


def _has_typescript() -> bool:
    return shutil.which("node") is not None and (harness.ROOT / "node_modules/.bin/tsc").exists()


RUN_TESTS = frozenset({"cls", "keys", "unmatchable", "nullbody"})
"""The documents whose packages' own tests are run (the probes are written for ``cls``)."""


def _build(root: Path, text: str, name: str, style: str, *, run_tests: bool = False) -> Build:
    if style == "typescript" and not _has_typescript():
        pytest.skip("TypeScript is not installed")
    spec = root / f"{name}.yaml"
    spec.write_text(text, encoding="utf-8")
    out = root / f"{name}-{style}"
    generated = harness.generator("generate", "--spec", str(spec), "--name", name, "--out", str(out), "--style", style)
    generated.check_bounds()
    if generated.returncode != 0:
        return Build(generated, out, "", -1, "", {})
    if style == "python":
        return _check_python(generated, out, name, run_tests)
    return _check_typescript(generated, out, run_tests, probes=name == "cls")


def _check_python(generated: harness.Outcome, out: Path, name: str, run_tests: bool) -> Build:
    cache = ["--cache-dir", str(out.parent / f".mypy-{name}")]
    mypy = harness.run_bounded([sys.executable, "-m", "mypy", "--strict", *cache, name], cwd=out, timeout=CHECK_SECONDS)
    tests = ""
    probes: dict[str, harness.Outcome] = {}
    if run_tests:
        run = harness.run_bounded(
            [sys.executable, "-m", "pytest", "-q", "-rf", "-p", "no:cacheprovider", "tests"],
            cwd=out,
            timeout=CHECK_SECONDS,
        )
        tests = run.stdout + run.stderr
        for key, source in PY_PROBES.items() if name == "cls" else ():
            probes[key] = harness.run_bounded([sys.executable, "-c", textwrap.dedent(source)], cwd=out)
    return Build(generated, out, mypy.stdout + mypy.stderr, mypy.returncode, tests, probes)


def _check_typescript(generated: harness.Outcome, out: Path, run_tests: bool, *, probes: bool) -> Build:
    if run_tests and probes:
        for key, source in TS_PROBES.items():
            (out / "test" / f"probe_{key}.test.ts").write_text(textwrap.dedent(source), encoding="utf-8")
    (out / "node_modules").symlink_to(harness.ROOT / "node_modules", target_is_directory=True)
    tsc = harness.run_bounded(
        [str(harness.ROOT / "node_modules/.bin/tsc"), "--strict", "-p", str(out)], cwd=out, timeout=CHECK_SECONDS
    )
    tests = ""
    if run_tests and (out / "dist" / "test").is_dir():
        run = harness.run_bounded(["node", "--test", "dist/test/"], cwd=out, timeout=CHECK_SECONDS)
        tests = run.stdout + run.stderr
    return Build(generated, out, tsc.stdout + tsc.stderr, tsc.returncode, tests, {})


_BUILDS: dict[tuple[str, str], Build] = {}
BuildFn = Callable[[str, str, str], Build]


@pytest.fixture
def build(tmp_path_factory: pytest.TempPathFactory) -> BuildFn:
    """``build(document, name, style)``: generated and checked once per module run."""

    def get(text: str, name: str, style: str) -> Build:
        key = (name, style)
        if key not in _BUILDS:
            root = tmp_path_factory.mktemp(f"{name}-{style}")
            _BUILDS[key] = _build(root, text, name, style, run_tests=name in RUN_TESTS)
        return _BUILDS[key]

    return get


def _errors_in(build: Build, *paths: str) -> list[str]:
    """The type-check error lines in any of ``paths`` (a file, or a folder ending in /)."""
    lines = build.typecheck.splitlines()
    return [line for line in lines if ": error" in line and any(p in line.replace("\\", "/") for p in paths)]


def _failed_tests(build: Build, marker: str) -> list[str]:
    """Lines of the package's test run that report a failure of a test whose name holds ``marker``."""
    found = re.findall(r"^(?:FAILED|not ok \d+ -) .*$", build.tests, flags=re.M)
    return [line for line in found if marker in line]


def _generated_ok(build: Build) -> None:
    assert build.generated.returncode == 0, build.generated.stderr[-3000:]


def _tests_pass(build: Build, *markers: str) -> None:
    """The package generated, its own tests ran, and none whose name holds one of ``markers`` failed."""
    _generated_ok(build)
    assert build.tests, "the generated tests did not run"
    assert not [line for marker in markers for line in _failed_tests(build, marker)], build.tests


def _typechecks(build: Build) -> None:
    _generated_ok(build)
    assert build.typecheck_code == 0, build.typecheck[-5000:]


PY_RESOURCE = "cls/resources/"
TS_RESOURCE = "src/resources/"


def _resource(style: str, tag: str) -> str:
    return f"{PY_RESOURCE}{tag}.py" if style == "python" else f"{TS_RESOURCE}{tag}.ts"


def _default_resource(build: Build, name: str, style: str) -> str:
    """The text of the resource module of untagged operations in package ``name``."""
    path = f"{name}/resources/default.py" if style == "python" else f"{TS_RESOURCE}default.ts"
    return (build.out / path).read_text(encoding="utf-8")


# --------------------------------------------------------------------- one test per class


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_object_literal_in_arrow_function(build: BuildFn, style: str) -> None:
    """TS1128/TS1005: ``Array.from({ length: 3 }, () => { id: "x", kind: "x" })`` does not parse."""
    result = build(ARROW, "arrow", style)
    _typechecks(result)


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_download_without_arguments(build: BuildFn, style: str) -> None:
    """Python: ``self.get_spec(, request_options=request_options)``: the self-check stops it (exit 3)."""
    result = build(DOWNLOAD, "dl", style)
    _typechecks(result)


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_recursive_schemas(build: BuildFn, style: str) -> None:
    """Python: RecursionError while decoding (exit 3); TypeScript: TS2456 ``Record<string, Tree>``."""
    result = build(RECURSIVE, "rec", style)
    _typechecks(result)


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_shared_request_body(build: BuildFn, style: str) -> None:
    """mypy arg-type: the second operation's ``feeds`` is ``list[dict[str, Any]]``, the model wants items."""
    result = build(BUILD, "cls", style)
    _generated_ok(result)
    assert not _errors_in(result, _resource(style, "shared")), result.typecheck
    assert not _failed_tests(result, "update_block") and not _failed_tests(result, "updateBlock"), result.tests


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_body_property_named_body(build: BuildFn, style: str) -> None:
    """mypy assignment: ``body = PutFlagBody(body=body)`` rebinds the argument ``body``."""
    result = build(BUILD, "cls", style)
    _generated_ok(result)
    assert not _errors_in(result, _resource(style, "bodyname")), result.typecheck


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_path_with_fragment(build: BuildFn, style: str) -> None:
    """Generated tests fail: Python expects ``#checksum`` in the path, TypeScript sends the query after it."""
    _tests_pass(build(BUILD, "cls", style), "complete_job", "completeJob")


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_objects_inside_query_values(build: BuildFn, style: str) -> None:
    """An object in an array parameter, an object's member that is an object: compact JSON with sorted keys in
    every style (Python sent its repr, TypeScript ``[object Object]``); the generated tests send and expect it."""
    result = build(BUILD, "cls", style)
    _tests_pass(result, "send_notices", "sendNotices")
    folder = result.out / ("tests" if style == "python" else "test")
    tests = "".join(path.read_text(encoding="utf-8") for path in folder.glob("*inquery*"))
    item = '{"Attributes":{},"Id":"string","Score":' + ("2.0" if style == "python" else "2") + ',"Zeta":"<z>"}'
    assert item in tests.replace('\\"', '"'), "the expected query holds no item as JSON with its keys sorted"


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_parameters_given_by_json_content(build: BuildFn, style: str) -> None:
    """A parameter given by ``content: application/json`` (superset's ``q``): an object or array as one compact JSON
    text in a path, query or header (every style exploded it as a form object), a string as its text."""
    result = build(BUILD, "cls", style)
    _tests_pass(result, "list_reports", "listReports")
    folder = result.out / ("tests" if style == "python" else "test")
    tests = "".join(path.read_text(encoding="utf-8") for path in folder.glob("*injson*")).replace('\\"', '"')
    for sent in ('{"filter":"a b&c","page":2}', '{"Zone":"eu"}', "/reports/%5B3%2C1%5D"):
        assert sent in tests, sent
    assert '"label", "bare"' in tests, "a string given by JSON content goes as its text"


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_required_parameter_without_an_acceptable_value(build: BuildFn, style: str) -> None:
    """The request tests sent a value the client refuses (zuora's UUID of at least 64 characters, jellyfin's empty
    path object): such an operation gets no exchange test, as one no credential can call; its neighbours do."""
    result = build(BUILD, "cls", style)
    _tests_pass(result, "delete_job", "deleteJob", "enable_plugin", "enablePlugin", "plugin_image", "PluginImage")
    folder = result.out / ("tests" if style == "python" else "test")
    tests = "".join(path.read_text(encoding="utf-8") for path in folder.glob("*novalue*"))
    assert "list_plugins" in tests or "listPlugins" in tests, "the callable operation lost its tests"
    for name in ("delete_job", "deleteJob", "enable_plugin", "enablePlugin", "get_plugin_image", "getPluginImage"):
        assert name not in tests, name
    fake = result.out / ("tests/test_cls_testing.py" if style == "python" else "test/testing.test.ts")
    assert "PluginImage" not in fake.read_text(encoding="utf-8").replace("_plugin_image", "PluginImage")


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_body_of_an_aliased_model(build: BuildFn, style: str) -> None:
    """Python's request test expected ``{}``: a whole model body is sent by ``to_dict()``, which it took for the
    mark of a body flattened into arguments (zuora's ``PUT /v1/order-line-items/{itemId}``)."""
    _tests_pass(build(BUILD, "cls", style), "put_line_item", "putLineItem")


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_bound_where_a_double_loses_the_step(build: BuildFn, style: str) -> None:
    """The refusal tests of ``maximum: 9007199254740992`` sent 2**53 + 1, which a double reads as the bound itself:
    the next double past it is sent instead."""
    result = build(BUILD, "cls", style)
    _tests_pass(result, "set_price", "setPrice")
    folder = result.out / ("tests" if style == "python" else "test")
    tests = "".join(path.read_text(encoding="utf-8") for path in folder.glob("*bounds*"))
    assert "9007199254740994" in tests and "9007199254740993" not in tests


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_numbers_in_an_open_interval(build: BuildFn, style: str) -> None:
    """``exclusiveMinimum: 0, exclusiveMaximum: 1``: the tests sent 0.0 (the least bound plus one, then the greatest
    minus one), which the client refuses; a value inside is sent now: the middle, or the least integer above."""
    result = build(BUILD, "cls", style)
    _tests_pass(result, "set_thresholds", "setThresholds")
    folder = result.out / ("tests" if style == "python" else "test")
    tests = "".join(path.read_text(encoding="utf-8") for path in folder.glob("*interval*"))
    assert "0.5" in tests and '"share": 5' in tests.replace('\\"', '"').replace("share: 5", '"share": 5')


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_number_or_string_answered_with_a_string(build: BuildFn, style: str) -> None:
    """A union of a number and a string answered ``"42"``: Python's client decoded it as ``42.0`` (``float`` took the
    string); a string stays a string, in a model's field and as the whole answer."""
    _tests_pass(build(BUILD, "cls", style), "get_metrics", "getMetrics", "get_latest_metric", "getLatestMetric")


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_header_names_no_request_can_carry(build: BuildFn, style: str) -> None:
    """A header parameter or an API key named with spaces (rapidapi's ``ADVICEment API Key``): no client sends it,
    each with a located warning; the operation that needs the key gets no exchange test, its neighbour does."""
    result = build(BUILD, "cls", style)
    _tests_pass(result, "list_spaced", "listSpaced")
    stderr = result.generated.stderr
    assert "warning[W012]: header parameter 'X Trace Id' is not an RFC 9110 token" in stderr, stderr
    assert "securitySchemes/spacedKey: warning[W001]: security scheme 'spacedKey' names the header" in stderr, stderr
    tests = "".join(p.read_text(encoding="utf-8") for p in result.out.rglob("*") if "spacedheader" in p.name.lower())
    assert "X-Trace" in tests and "X Trace Id" not in tests and "ADVICEment" not in tests
    assert "list_spaced" in tests or "listSpaced" in tests


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_discriminator_value_its_variant_implies(build: BuildFn, style: str) -> None:
    """No mapping, and the variant ``Account`` allows ``type: account`` only (exavault): the clients took the schema
    name alone and refused the server's ``account``; the value chooses the variant too (the name still does)."""
    result = build(BUILD, "cls", style)
    _tests_pass(result, "list_included", "listIncluded")
    if style == "python":
        probe = result.probes["implied"]
        assert probe.returncode == 0, probe.stderr[-2000:]


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_null_value_in_an_example_map_of_lists(build: BuildFn, style: str) -> None:
    """An example map whose value is ``null`` where the values are lists (alibaba-pouch's ``PortMap``): the value is
    made up from the schema, as a null item of a list is."""
    result = build(BUILD, "cls", style)
    _tests_pass(result, "bind_ports", "bindPorts")
    folder = result.out / ("tests" if style == "python" else "test")
    tests = "".join(path.read_text(encoding="utf-8") for path in folder.glob("*nullmap*")).replace('\\"', '"')
    assert "2377/tcp" in tests and '"2377/tcp": null' not in tests and '"2377/tcp":null' not in tests


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_body_and_answer_that_can_only_be_null(build: BuildFn, style: str) -> None:
    """``type: "null"`` as a request body and as the success answer (sendgrid's list DELETE): no body is sent and none
    is read (``passes/null_answers.py``), as for an operation without them."""
    result = build(NULLBODY, "nullbody", style)
    _tests_pass(result, "delete_list", "deleteList")
    resource = _default_resource(result, "nullbody", style)
    assert "body" not in resource.split("def delete_list" if style == "python" else "deleteList(")[1].split(")")[0]


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_refusal_inside_a_nullable_model(build: BuildFn, style: str) -> None:
    """A refusal test of a member of a nullable model property whose default is null sent the model without its
    required properties:
    Python's ``from_dict`` raised ``KeyError``, TypeScript refused the missing property instead (shipengine)."""
    _tests_pass(build(BUILD, "cls", style), "create_label", "createLabel")


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_fake_api_test_of_an_operation_answered_as_another(build: BuildFn, style: str) -> None:
    """Two GETs of one path told apart by a fragment are one route of the fake API: the second's save helper got
    the first's answer. Only operations the fake answers as themselves get fake-API tests (as Go's did)."""
    result = build(BUILD, "cls", style)
    _tests_pass(result, "open_file", "openFile")
    fake = result.out / ("tests/test_cls_testing.py" if style == "python" else "test/testing.test.ts")
    assert "open_file_to_file" not in fake.read_text(encoding="utf-8").replace("openFileToFile", "open_file_to_file")


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_path_argument_named_as_a_body_property(build: BuildFn, style: str) -> None:
    """TypeScript's generated tests sent the body property's value (an object) as the path argument of its name."""
    _tests_pass(build(BUILD, "cls", style), "put_account", "putAccount")


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_literal_character_in_the_path(build: BuildFn, style: str) -> None:
    """Python's tests expected ``export"`` where httpx sends ``export%22``."""
    _tests_pass(build(BUILD, "cls", style), "export_dossier", "exportDossier")


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_fake_api_test_of_an_argument_its_example_breaks(build: BuildFn, style: str) -> None:
    """The fake-API test of a save helper called it with the README's example, which the client refuses."""
    _tests_pass(build(BUILD, "cls", style), "get_overview_to_file", "getOverviewToFile")


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_discriminator(build: BuildFn, style: str) -> None:
    """Python decodes a ``dog`` as the first variant, Cat; TypeScript's variants are not discriminated."""
    result = build(BUILD, "cls", style)
    _generated_ok(result)
    if style == "python":
        probe = result.probes["discriminator"]
        assert probe.returncode == 0, probe.stderr[-2000:]
    else:
        assert not _errors_in(result, "probe_discriminator"), result.typecheck
        assert "probe discriminator" in result.tests and not _failed_tests(result, "probe discriminator"), result.tests


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_allof_of_nullable_objects(build: BuildFn, style: str) -> None:
    """A ``null`` answer: Python raises AttributeError in from_dict, TypeScript's type says it cannot be null."""
    result = build(BUILD, "cls", style)
    _generated_ok(result)
    if style == "python":
        probe = result.probes["allof"]
        assert probe.returncode == 0, probe.stderr[-2000:]
    else:
        assert not _errors_in(result, "probe_allof"), result.typecheck


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_multipart_array_of_files(build: BuildFn, style: str) -> None:
    """The argument is the whole body as bytes, sent without a boundary; each file should be one part."""
    result = build(BUILD, "cls", style)
    _generated_ok(result)
    if style == "python":
        probe = result.probes["multipart"]
        assert probe.returncode == 0, probe.stderr[-2000:]
    else:
        assert not _errors_in(result, "probe_multipart", _resource(style, "multipart")), result.typecheck
        assert "probe multipart" in result.tests and not _failed_tests(result, "probe multipart"), result.tests


def test_class_generated_tests_without_security(build: BuildFn) -> None:
    """mypy var-annotated in the generated tests of a document without security (also the allOf chain
    merged 40 levels deep): ``CREDENTIAL_HEADERS = ()`` gives its loop variable no type."""
    result = build(BUILD, "cls", "python")
    _generated_ok(result)
    cache = ["--cache-dir", str(result.out.parent / ".mypy-cls-tests")]
    mypy = harness.run_bounded(
        [sys.executable, "-m", "mypy", "--strict", *cache, "tests"], cwd=result.out, timeout=CHECK_SECONDS
    )
    assert mypy.returncode == 0, (mypy.stdout + mypy.stderr)[-5000:]


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_union_with_date(build: BuildFn, style: str) -> None:
    """mypy name-defined: ``cast("datetime.date | int", ...)`` names datetime only inside its string."""
    result = build(BUILD, "cls", style)
    _generated_ok(result)
    assert not _errors_in(result, _resource(style, "dates")), result.typecheck


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_pattern_no_example_matches(build: BuildFn, style: str) -> None:
    """Generated tests fail: the valid call sends ``stringxxx...`` and the client refuses it before sending."""
    result = build(BUILD, "cls", style)
    _generated_ok(result)
    assert result.tests, "the generated tests did not run"
    assert not _failed_tests(result, "create_channel") and not _failed_tests(result, "createChannel"), result.tests


@pytest.mark.parametrize("style", harness.STYLES)
def test_classes_that_hold_today(build: BuildFn, style: str) -> None:
    """Guards: integer enums (also under ``type: string``), nulls on the wire, names that collide with
    locals, parameters, runtime names or each other; and no error outside the files of the classes above."""
    result = build(BUILD, "cls", style)
    _generated_ok(result)
    known = [_resource(style, tag) for tag in ("shared", "bodyname", "multipart")] + ["probe_"]
    if style == "python":  # mypy checked every file (a syntax error stops it at that file)
        assert re.search(r"^(Found \d+ errors? in|Success:)", result.typecheck, flags=re.M), result.typecheck
    others = [line for line in _errors_in(result, "") if not any(k in line for k in known)]
    assert not others, result.typecheck
    for tag in ("enums", "names", "nulls"):
        assert not _errors_in(result, _resource(style, tag)), result.typecheck
    for marker in ("aspect", "Aspect", "collide", "record", "Record"):
        assert not _failed_tests(result, marker), result.tests
    if style == "python":
        assert result.probes["nulls"].returncode == 0, result.probes["nulls"].stderr[-2000:]
        models = (result.out / "cls" / "models.py").read_text(encoding="utf-8")
        assert "class AspectRatio(int, Enum)" in models and "class Level(int, Enum)" in models
    else:
        models = (result.out / "src" / "models.ts").read_text(encoding="utf-8")
        assert "export type AspectRatio = 969 | 556;" in models


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_reference_to_nullable_model(build: BuildFn, style: str) -> None:
    """TS2345: ``checkCarrier(value["current"], ...)`` passes ``Carrier | null`` where ``Carrier`` is expected."""
    result = build(NULLREF, "nullref", style)
    _typechecks(result)


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_parameter_named_like_api_key(build: BuildFn, style: str) -> None:
    """Generated tests fail: Python sends ``X-App-Key: appKey, test-api-key``, TypeScript the key only."""
    result = build(KEYS, "keys", style)
    _generated_ok(result)
    assert "header parameter 'x-app-key' is set by the client from its API key; skipped" in result.generated.stderr
    assert "#/paths/~1orders/post/parameters/0:" in result.generated.stderr, result.generated.stderr
    assert result.tests, "the generated tests did not run"
    assert not _failed_tests(result, "place_order") and not _failed_tests(result, "placeOrder"), result.tests
    resource = _default_resource(result, "keys", style)
    assert "x_app_key" not in resource and "xAppKey" not in resource
    assert ("x_trace" if style == "python" else "xTrace") in resource


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_optional_null_body_property(build: BuildFn, style: str) -> None:
    """Generated tests fail (Python): the test expects ``"paymentData": None`` in a body the model leaves it out of."""
    result = build(KEYS, "keys", style)
    _generated_ok(result)
    assert result.tests, "the generated tests did not run"
    assert not _failed_tests(result, "sends_request") and not _failed_tests(result, "sends the request"), result.tests


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_swagger2_array_without_items(build: BuildFn, style: str) -> None:
    """A 2.0 query array without ``items`` was typed ``list[Any]``/``unknown[]`` and counted free-form, silently."""
    result = build(ITEMLESS, "itemless", style)
    _typechecks(result)
    said = result.generated.stdout + result.generated.stderr
    assert "#/paths/~1things/get/parameters/0:" in said and "warning[W005]: array parameter 'expand' has no" in said
    assert "free-form" not in said, said
    resource = _default_resource(result, "itemless", style)
    assert ("expand: list[str] | None" if style == "python" else "expand?: string[];") in resource, resource


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_optional_value_no_text_matches(build: BuildFn, style: str) -> None:
    """Generated tests fail: an optional argument or property whose pattern nothing matches was sent as ``"string"``.

    The client refuses that before sending, so the request test never reached the server; now such an optional
    value is left out of the test's call (a nested model's property too).
    """
    result = build(UNMATCHABLE, "unmatchable", style)
    _generated_ok(result)
    assert result.tests, "the generated tests did not run"
    assert not _failed_tests(result, "create_server") and not _failed_tests(result, "createServer"), result.tests


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_required_value_no_text_matches(build: BuildFn, style: str) -> None:
    """A required property whose pattern nothing matches (dataexchange's ``CatalogId``): inside an optional model the
    request and refusal tests sent it, and the client refused it before sending; now that model is left out of the
    body, its members get no refusal test, and an operation whose required body holds such a value gets no
    exchange test."""
    result = build(UNMATCHABLE, "unmatchable", style)
    _tests_pass(result, "create_job", "createJob")
    folder = result.out / ("tests" if style == "python" else "test")
    tests = "".join(path.read_text(encoding="utf-8") for path in folder.glob("*"))
    assert "create_job" in tests or "createJob" in tests, "the operation lost its tests"
    assert "create_grant" not in tests and "createGrant" not in tests
    assert "catalogId" not in tests.replace("catalog_id", "catalogId")


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_table_of_a_thousand_distinct_rows(build: BuildFn, style: str) -> None:
    """TS2590 on a table's constant: tsc reduces the union of its rows' types pair by pair and gives up past
    about a thousand; now a table is split into constants of a few hundred rows."""
    result = build(WIDE, "wide", style)
    _typechecks(result)
    if style == "typescript":
        suite = (result.out / "test" / "default.test.ts").read_text(encoding="utf-8")
        assert suite.count('name: "getW') == 2 * WIDE_OPERATIONS  # every row is still there, once
        assert "testDecodings(DECODINGS);" in suite and "testDecodings(DECODINGS_5);" in suite


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_property_only_null(build: BuildFn, style: str) -> None:
    """TS2322 (mypy arg-type in Python's tests): the spec's example ``{}`` passed where the only value is null."""
    result = build(NULLONLY, "nullonly", style)
    _typechecks(result)
    if style == "python":
        cache = ["--cache-dir", str(result.out.parent / ".mypy-nullonly-tests")]
        mypy = harness.run_bounded(
            [sys.executable, "-m", "mypy", "--strict", *cache, "tests"], cwd=result.out, timeout=CHECK_SECONDS
        )
        assert mypy.returncode == 0, (mypy.stdout + mypy.stderr)[-5000:]
    run = _own_tests(result, style)
    assert run.returncode == 0, (run.stdout + run.stderr)[-5000:]


def _own_tests(result: Build, style: str) -> harness.Outcome:
    """The package's own test run, for a document not in ``RUN_TESTS``."""
    if style == "python":
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"]
    else:
        command = ["node", "--test", "dist/test/"]
    return harness.run_bounded(command, cwd=result.out, timeout=CHECK_SECONDS)


MEMBER_PROBES = {
    "python": """
        import httpx
        from members import Hooks, Members

        def answer(request: httpx.Request) -> httpx.Response:
            return httpx.Response(200, json=["a"]) if request.url.path == "/hooks" else httpx.Response(204)

        client = Members(http_client=httpx.Client(transport=httpx.MockTransport(answer)))
        assert isinstance(client.hooks, Hooks), client.hooks
        seen: list[str] = []
        client.hooks.before_request.append(lambda request: seen.append(request.url.path))
        assert client.hooks_.list_hooks() == ["a"]
        client.close_.close_account()
        client.base_url.get_base()
        assert seen == ["/hooks", "/close", "/base"], seen
        client.close()
    """,
    "typescript": """
        const { Members } = await import(process.argv[1]);
        const fetch = async (input) =>
          new URL(input).pathname === "/hooks" ? Response.json(["a"]) : new Response(null, { status: 204 });
        const client = new Members({ fetch });
        const seen = [];
        client.hooks.beforeRequest.push((request) => { seen.push(new URL(request.url).pathname); });
        const listed = await client.hooks_.listHooks();
        await client.close.closeAccount();
        await client.baseUrl_.getBase();
        await client.toString_.getText();
        const found = { listed, seen, baseUrl: client.baseUrl, text: String(client) };
        const wanted = {
          listed: ["a"],
          seen: ["/hooks", "/close", "/base", "/text"],
          baseUrl: "https://api.example.test",
          text: "Members(https://api.example.test)",
        };
        if (JSON.stringify(found) !== JSON.stringify(wanted)) throw new Error(JSON.stringify(found));
    """,
}


@pytest.mark.parametrize("style", harness.STYLES)
def test_class_tag_named_like_a_client_member(build: BuildFn, style: str) -> None:
    """mypy/tsc: a resource attribute ``hooks`` (``close``, ``baseUrl``) collided with the client's own member.

    Now the resource gets ``_`` added (``client.hooks_``), its README section says why, and both the
    hooks and the resource work on one client.
    """
    result = build(MEMBERS, "members", style)
    _typechecks(result)
    readme = (result.out / "README.md").read_text(encoding="utf-8")
    renamed = {"hooks": "hooks_", **({"close": "close_"} if style == "python" else {"baseUrl": "baseUrl_"})}
    for member, attr in renamed.items():
        assert f"### `client.{attr}`\n\nNamed `{attr}`: `client.{member}` is the client's own." in readme, readme
    if style == "python":
        command = [sys.executable, "-c", textwrap.dedent(MEMBER_PROBES[style])]
    else:
        index = (result.out / "dist" / "src" / "index.js").as_uri()
        command = ["node", "--input-type=module", "-e", textwrap.dedent(MEMBER_PROBES[style]), index]
    probe = harness.run_bounded(command, cwd=result.out)
    assert probe.returncode == 0, (probe.stdout + probe.stderr)[-3000:]
