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
  // scripts/party-1248.js: dates in city time, Camunda Forms' own texts in Chinese (see the file)
  requireJsConfig: {
    deps: ['party-1248'],
    ngDeps: ['party1248.tasklist'],
    paths: {
      'party-1248': 'scripts/party-1248'
    }
  },

  // no startProcess: nobody starts processes in Tasklist (index.html leaves the action out), so no key opens its dialog
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: '认领当前选中的任务'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: '焦点移到第一个过滤器'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: '焦点移到任务列表第一项'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: '焦点移到任务表单第一个输入框'
    }
  }
};
