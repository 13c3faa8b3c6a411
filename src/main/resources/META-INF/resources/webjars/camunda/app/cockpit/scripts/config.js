/*
 * Copyright Camunda Services GmbH and/or licensed to Camunda Services GmbH
 * under one or more contributor license agreements. See the NOTICE file
 * distributed with this work for additional information regarding copyright
 * ownership. Camunda licenses this file to you under the Apache License,
 * Version 2.0; you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

export default {
  // 1248 党建责任制: product name in the header, Chinese offered next to English and German.
  app: {
    name: '1248 党建责任制',
    vendor: '青禾市委组织部'
  },
  locales: {
    availableLocales: ['zh', 'en', 'de'],
    fallbackLocale: 'zh'
  },
  // scripts/party-1248-cockpit.js: actions the user may not perform are not offered, dates in city time (see the file)
  requireJsConfig: {
    deps: ['party-1248-cockpit'],
    ngDeps: ['party1248.cockpit'],
    paths: {
      'party-1248-cockpit': 'scripts/party-1248-cockpit',
      'party-1248-dates': '../tasklist/scripts/party-1248'
    }
  },
  // scripts/party-1248-plugins.js: the tabs 事项详情 and 事项一览, the dashboard's 我的督查范围
  customScripts: ['scripts/party-1248-plugins']
};
