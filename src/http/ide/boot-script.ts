// The IDE page's only script of our own, served as a file (the page allows no inline script).
// It reads the options the gateway wrote into the page as a JSON data block (data blocks are
// not executed, so the Content-Security-Policy does not apply to them), points Monaco's workers
// at the gateway's own worker files, and starts Yoga's GraphiQL.
import { IDE_FILES } from './ide-files';

export const BOOT_SCRIPT = `'use strict';
(function () {
  var options = JSON.parse(document.getElementById('ide-options').textContent);
  var base = options.assetsPath;
  var workers = ${JSON.stringify(IDE_FILES.workers)};
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: function (_moduleId, label) {
      return base + '/' + (workers[label] || workers.editorWorkerService);
    },
  };
  var graphiql = options.graphiql;
  // The SSE client is handed this URL as is: made absolute against the page.
  graphiql.subscriptionsEndpoint = new URL(graphiql.subscriptionsEndpoint, location.href).href;
  YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), graphiql);
})();
`;
