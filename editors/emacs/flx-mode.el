;;; flx-mode.el --- Flux files with eglot and flux-lsp, and runs of queries and tests  -*- lexical-binding: t; -*-

;; A small major mode for Flux: comments, eglot with `flux-lsp', and commands that run the
;; statement at point, the region, the file or its test cases through the server's `flux.*'
;; commands (docs/configuration.md), showing the tables in the *flux results* buffer.
;;
;; Load it from init.el:
;;   (load "~/src/flx/editors/emacs/flx-mode.el")
;;   (add-hook 'flx-mode-hook #'eglot-ensure)

;;; Code:

(require 'cl-lib)
(require 'eglot)
(require 'jsonrpc)
(require 'subr-x)

(defvar flx-mode-syntax-table
  (let ((table (make-syntax-table)))
    (modify-syntax-entry ?/ ". 12" table)
    (modify-syntax-entry ?\n ">" table)
    (modify-syntax-entry ?\" "\"" table)
    (modify-syntax-entry ?_ "_" table)
    table)
  "Syntax table of `flx-mode': `//' comments and double-quoted strings.")

(defvar flx-mode-map
  (let ((map (make-sparse-keymap)))
    (define-key map (kbd "C-c C-c") #'flx-run)
    (define-key map (kbd "C-c C-f") #'flx-run-file)
    (define-key map (kbd "C-c C-r") #'flx-run-region)
    (define-key map (kbd "C-c C-t") #'flx-test)
    (define-key map (kbd "C-c C-k") #'flx-cancel)
    map)
  "Keys of `flx-mode'.")

;;;###autoload
(define-derived-mode flx-mode prog-mode "Flux"
  "Major mode for Flux scripts, with eglot and `flux-lsp'."
  (setq-local comment-start "// ")
  (setq-local comment-start-skip "//+\\s-*"))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.flux\\'" . flx-mode))
(add-to-list 'eglot-server-programs '(flx-mode . ("flux-lsp")))

(defvar flx-results-buffer "*flux results*"
  "The buffer runs show their tables in.")

(defun flx--cell (value)
  "VALUE of a JSON table cell as text."
  (cond ((null value) "")
        ((eq value :json-false) "false")
        ((eq value t) "true")
        ((stringp value) value)
        ((and (floatp value) (= value (ffloor value)) (< (abs value) 1e15)) (format "%d" value))
        (t (format "%s" value))))

(defun flx--table (table)
  "Lines of one Flux TABLE (a plist of the `flux.run' answer), its columns aligned."
  (let* ((columns (append (plist-get table :columns) nil))
         (header (mapcar (lambda (c) (format "%s:%s" (plist-get c :name) (plist-get c :type))) columns))
         (rows (mapcar (lambda (row) (mapcar #'flx--cell (append row nil)))
                       (append (plist-get table :rows) nil)))
         (widths (apply #'cl-mapcar (lambda (&rest cells) (apply #'max (mapcar #'string-width cells)))
                        header rows))
         (key (plist-get table :groupKey))
         (keys (cl-loop for (name value) on key by #'cddr
                        collect (format "%s=%s" (substring (symbol-name name) 1) (flx--cell value))))
         (line (lambda (cells)
                 (string-trim-right
                  (mapconcat #'identity
                             (cl-mapcar (lambda (cell width) (concat cell (make-string (- width (string-width cell)) ?\s)))
                                        cells widths)
                             "  ")))))
    (append (list (concat "Table: " (if keys (string-join keys ", ") "(no group key)"))
                  (funcall line header)
                  (funcall line (mapcar (lambda (w) (make-string w ?-)) widths)))
            (mapcar line rows)
            (list ""))))

(defun flx--show (lines)
  "Show LINES in the results buffer."
  (with-current-buffer (get-buffer-create flx-results-buffer)
    (let ((inhibit-read-only t))
      (erase-buffer)
      (insert (string-join lines "\n") "\n")
      (goto-char (point-min))
      (special-mode)))
  (display-buffer flx-results-buffer))

(defun flx--run-lines (file answer)
  "The lines of a `flux.run' ANSWER about FILE."
  (let ((lines (list (format "%s: %d rows in %s ms%s" file (plist-get answer :rowCount)
                             (plist-get answer :elapsedMs)
                             (if (eq (plist-get answer :cancelled) t) " (cancelled)" ""))
                     "")))
    (if-let ((csv (plist-get answer :csv)))
        (setq lines (append lines (split-string csv "\r?\n")))
      (dolist (result (append (plist-get answer :results) nil))
        (setq lines (append lines (list (concat "Result: " (plist-get result :name)))))
        (dolist (table (append (plist-get result :tables) nil))
          (setq lines (append lines (flx--table table))))))
    (when (eq (plist-get answer :truncated) t)
      (setq lines (append lines (list "(the first rows only: the setting run.maxRows sets how many)"))))
    (when-let ((error (plist-get answer :error)))
      (setq lines (append lines (list (concat "Error: " (plist-get error :message))))))
    lines))

(defun flx--command (command argument on-answer)
  "Send COMMAND with ARGUMENT to the buffer's server; call ON-ANSWER with the answer.
The request does not block Emacs: runs can take long."
  (let ((server (eglot--current-server-or-lose))
        (file (file-name-nondirectory (or (buffer-file-name) (buffer-name)))))
    (message "flux: %s %s (C-c C-k cancels)" command file)
    (jsonrpc-async-request
     server :workspace/executeCommand
     (list :command command :arguments (vector argument))
     :success-fn (lambda (answer) (funcall on-answer file answer))
     :error-fn (lambda (error)
                 (flx--show (list (format "%s: %s failed: %s" file command (plist-get error :message)))))
     :timeout-fn #'ignore
     :timeout most-positive-fixnum)))

(defun flx--uri ()
  "The URI of the buffer's file, as the server knows it."
  (eglot--path-to-uri (buffer-file-name)))

(defun flx--run (argument)
  "Run with ARGUMENT (a `flux.run' argument) and show the tables."
  (flx--command "flux.run" argument
                (lambda (file answer) (flx--show (flx--run-lines file answer)))))

(defun flx-run (&optional csv)
  "Run the Flux statement at point, with the definitions above it.
With a prefix argument CSV, show annotated CSV instead of tables."
  (interactive "P")
  (flx--run (append (list :uri (flx--uri) :position (eglot--pos-to-lsp-position))
                    (when csv (list :format "csv")))))

(defun flx-run-region (start end)
  "Run the Flux statements between START and END."
  (interactive "r")
  (flx--run (list :uri (flx--uri)
                  :range (list :start (eglot--pos-to-lsp-position start)
                               :end (eglot--pos-to-lsp-position end)))))

(defun flx-run-file ()
  "Run the whole Flux file."
  (interactive)
  (flx--run (list :uri (flx--uri))))

(defun flx-test (&optional name)
  "Run the file's Flux test cases, or the one called NAME."
  (interactive (list (let ((name (read-string "Test case (empty: all): ")))
                       (unless (string-empty-p name) name))))
  (flx--command "flux.test" (append (list :uri (flx--uri)) (when name (list :name name)))
                (lambda (file answer)
                  (let ((summary (plist-get answer :summary)))
                    (flx--show
                     (append (list (format "%s: %d passed, %d failed" file
                                           (plist-get summary :passed) (plist-get summary :failed))
                                   "")
                             (mapcar (lambda (test)
                                       (format "%s  %s%s" (if (equal (plist-get test :status) "pass") "pass" "FAIL")
                                               (plist-get test :name)
                                               (if-let ((m (plist-get test :message))) (concat ": " m) "")))
                                     (append (plist-get answer :tests) nil))))))))

(defun flx-cancel ()
  "Cancel the Flux runs of this buffer."
  (interactive)
  (flx--command "flux.cancel" (list :uri (flx--uri))
                (lambda (_file answer) (message "flux: %d run(s) cancelled" (plist-get answer :cancelled)))))

(defun flx-connection (name)
  "Choose the connection NAME for runs and completion (\"local\": the local buckets)."
  (interactive
   (list (let* ((answer (eglot-execute-command (eglot--current-server-or-lose) "flux.connections" []))
                (names (cons "local" (mapcar (lambda (c) (plist-get c :name))
                                             (append (plist-get answer :connections) nil)))))
           (completing-read "Connection: " names nil t))))
  (flx--command "flux.setConnection" (list :name (if (equal name "local") :null name))
                (lambda (_file answer)
                  (message "flux: runs use %s" (or (plist-get answer :current) "the local buckets")))))

(provide 'flx-mode)
;;; flx-mode.el ends here
