;;; eglot-lsp.el --- Emacs 28 + eglot 1.9 driving image-trust-server against the sandbox  -*- lexical-binding: t -*-
;; emacs --batch -l eglot-lsp.el FILE, run by editors.test.ts with IT_SERVER, IT_SETTINGS,
;; IT_COMPLETE and IT_OUT (see nvim-lsp.lua). Prints "hover: …", "diagnostic: …", "action: …".
(require 'package)
(package-initialize)
(require 'eglot)
(require 'json)
(setq eglot-sync-connect 15 eglot-events-buffer-size 0 eglot-autoreconnect nil)
(define-derived-mode dockerfile-mode prog-mode "Dockerfile")
(add-to-list 'eglot-server-programs
             `(dockerfile-mode . ,(split-string (getenv "IT_SERVER") " " t)))
(cl-defmethod eglot-initialization-options ((_server eglot-lsp-server))
  (list :settings (json-parse-string (getenv "IT_SETTINGS") :object-type 'plist)))

(defvar it-diags nil "The latest published diagnostics.")
(advice-add 'eglot-handle-notification :before
            (lambda (_s method &rest args)
              (when (eq method 'textDocument/publishDiagnostics)
                (setq it-diags (plist-get args :diagnostics)))))

(defun it-looked-up ()
  "How many unpinned-digest diagnostics name a looked-up digest."
  (seq-count (lambda (d) (and (equal (plist-get d :code) "unpinned-digest")
                              (string-match-p "what the tag points to now" (plist-get d :message))))
             it-diags))

(condition-case err
    (let ((complete (string-to-number (or (getenv "IT_COMPLETE") "1"))))
      (find-file (car command-line-args-left))
      (dockerfile-mode)
      (apply #'eglot (eglot--guess-contact))
      (let ((server (eglot-current-server)))
        (unless server (error "no server"))
        (with-timeout (60 (error "diagnostics incomplete: %d of %d looked up" (it-looked-up) complete))
          (while (< (it-looked-up) complete) (accept-process-output nil 0.02)))
        (seq-doseq (d it-diags)
          (let ((start (plist-get (plist-get d :range) :start)))
            (princ (format "diagnostic: L%d:%d %s [%s] %s\n"
                           (1+ (plist-get start :line)) (1+ (plist-get start :character))
                           (nth (1- (plist-get d :severity)) '("error" "warning" "information" "hint"))
                           (plist-get d :code) (plist-get d :message)))))
        (goto-char (point-min)) (forward-char 7)
        (let* ((hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)))
               (value (plist-get (plist-get hover :contents) :value)))
          (unless value (error "no hover result"))
          (dolist (line (split-string value "\n")) (princ (format "hover: %s\n" line))))
        (let* ((line0 (seq-into (seq-filter (lambda (d) (= 0 (plist-get (plist-get (plist-get d :range) :start) :line))) it-diags) 'vector))
               (actions (jsonrpc-request server :textDocument/codeAction
                                         (list :textDocument (eglot--TextDocumentIdentifier)
                                               :range '(:start (:line 0 :character 7) :end (:line 0 :character 7))
                                               :context (list :diagnostics line0))))
               (chosen nil))
          (seq-doseq (a actions)
            (princ (format "action: %s%s\n" (plist-get a :title) (if (eq (plist-get a :isPreferred) t) " (preferred)" "")))
            (when (and (eq (plist-get a :isPreferred) t) (not chosen)) (setq chosen a)))
          (unless chosen (error "no preferred quick fix"))
          (eglot--apply-workspace-edit (plist-get chosen :edit))
          (write-region nil nil (getenv "IT_OUT"))
          (princ (format "applied: %s\n" (plist-get chosen :title))))
        (eglot-shutdown server)
        (kill-emacs 0)))
  (error (princ (format "FAIL: %S\n" err)) (kill-emacs 1)))
