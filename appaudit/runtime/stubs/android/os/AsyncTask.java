package android.os;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** doInBackground on a worker thread, onPreExecute on the caller, onPostExecute on the main looper. */
public abstract class AsyncTask<Params, Progress, Result> {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "AsyncTask");
        t.setDaemon(true);
        return t;
    });
    public static final Executor THREAD_POOL_EXECUTOR = POOL;
    public static final Executor SERIAL_EXECUTOR = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "AsyncTask #serial");
        t.setDaemon(true);
        return t;
    });

    public enum Status { PENDING, RUNNING, FINISHED }

    private volatile Status status = Status.PENDING;
    private volatile boolean cancelled;
    private volatile Result result;
    private final Object done = new Object();

    public AsyncTask() {}
    public AsyncTask(Looper looper) {}

    protected abstract Result doInBackground(Params... params);
    protected void onPreExecute() { status.hashCode(); }
    protected void onPostExecute(Result r) { status.hashCode(); }
    protected void onProgressUpdate(Progress... values) { status.hashCode(); }
    protected void onCancelled(Result r) { onCancelled(); }
    protected void onCancelled() { status.hashCode(); }

    public AsyncTask<Params, Progress, Result> execute(Params... params) { return executeOnExecutor(SERIAL_EXECUTOR, params); }

    public static void execute(Runnable r) { SERIAL_EXECUTOR.execute(r); }

    public AsyncTask<Params, Progress, Result> executeOnExecutor(Executor exec, Params... params) {
        if (status != Status.PENDING) throw new IllegalStateException("Cannot execute task: the task is already running.");
        status = Status.RUNNING;
        onPreExecute();
        Executor e = exec != null ? exec : SERIAL_EXECUTOR;
        e.execute(() -> {
            Result r = null;
            try {
                r = doInBackground(params);
            } catch (Throwable t) {
                System.err.println("appaudit harness: AsyncTask " + getClass().getName() + ": " + t);
            }
            result = r;
            Result fr = r;
            new Handler(Looper.getMainLooper()).post(() -> {
                try {
                    if (cancelled) onCancelled(fr); else onPostExecute(fr);
                } finally {
                    status = Status.FINISHED;
                    synchronized (done) { done.notifyAll(); }
                }
            });
        });
        return this;
    }

    protected void publishProgress(Progress... values) {
        new Handler(Looper.getMainLooper()).post(() -> onProgressUpdate(values));
    }

    public Result get() throws InterruptedException { return get(5, TimeUnit.SECONDS); }

    public Result get(long timeout, TimeUnit unit) throws InterruptedException {
        long end = System.currentTimeMillis() + Math.min(unit.toMillis(timeout), 5000);
        synchronized (done) {
            while (status != Status.FINISHED && System.currentTimeMillis() < end) done.wait(50);
        }
        return result;
    }

    public boolean cancel(boolean interrupt) { cancelled = true; return true; }
    public boolean isCancelled() { return cancelled; }
    public Status getStatus() { return status; }
}
