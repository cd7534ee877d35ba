;;; run.el --- Drives editors/emacs/flx-mode.el with eglot against flux-lsp  -*- lexical-binding: t; -*-

;; Opens q.flux in FLUX_DIR (a workspace with a local bucket), runs the statement at point,
;; the file as CSV, the test cases of t_test.flux, and prints the results buffer after each,
;; each after a line `=== NAME`, for tests/emacs.rs. Exits 1 on any failure.
;;
;; Run with `emacs --batch --no-init-file -l run.el` (not -Q: Debian activates its elpa
;; packages, eglot among them, at site start).

(setq debug-on-error t)
(condition-case err
    (progn
      (load (expand-file-name "../../editors/emacs/flx-mode.el" (file-name-directory load-file-name)))
      (push `(flx-mode . (,(getenv "FLUX_LSP"))) eglot-server-programs)
      (let ((dir (file-name-as-directory (getenv "FLUX_DIR"))))
        (defun flx-test--wait-for-results (what)
          (with-timeout (20 (error "no results for %s within 20 s" what))
            (while (not (and (get-buffer flx-results-buffer)
                             (> (buffer-size (get-buffer flx-results-buffer)) 0)))
              (accept-process-output nil 0.05))))
        (defun flx-test--print (name)
          (flx-test--wait-for-results name)
          (princ (format "=== %s\n%s" name (with-current-buffer flx-results-buffer (buffer-string))))
          (kill-buffer flx-results-buffer))
        (find-file (concat dir "q.flux"))
        (unless (eq major-mode 'flx-mode) (error "q.flux is in %s, not flx-mode" major-mode))
        (apply #'eglot (eglot--guess-contact))
        (unless (eglot-current-server) (error "eglot did not connect"))
        ;; The statement on the third line.
        (goto-char (point-min))
        (forward-line 2)
        (flx-run)
        (flx-test--print "statement")
        (flx-run t)
        (flx-test--print "csv")
        (flx-run-file)
        (flx-test--print "file")
        (find-file (concat dir "t_test.flux"))
        (apply #'eglot (eglot--guess-contact))
        (flx-test nil)
        (flx-test--print "tests")
        (princ "=== done\n")
        (kill-emacs 0)))
  (error
   (princ (format "=== failure\n%S\n" err))
   (kill-emacs 1)))
