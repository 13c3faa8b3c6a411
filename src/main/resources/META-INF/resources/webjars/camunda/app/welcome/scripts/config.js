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
  // the product's own pages instead of Camunda's (English) webapp documentation
  links: [
    {
      label: '仪表盘',
      href: '/dashboard/',
      description: '督查看板和整改台账：待办、逾期、督办和星级一览'
    },
    {
      label: '修改密码',
      href: '/account/password.html',
      description: '修改您的登录密码'
    }
  ]
};
