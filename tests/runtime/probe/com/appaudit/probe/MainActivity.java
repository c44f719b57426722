package com.appaudit.probe;

import android.app.Activity;
import android.content.Intent;
import android.net.Uri;
import android.os.Build;
import android.os.Bundle;
import android.provider.Settings;
import java.io.BufferedReader;
import java.io.FileReader;
import java.io.RandomAccessFile;

/** Launcher activity: the side channels the agent must see (reflection, files, commands, providers). */
public class MainActivity extends Activity {
    @Override
    protected void onCreate(Bundle b) {
        super.onCreate(b);
        requestPermissions(new String[] {"android.permission.READ_PHONE_STATE"}, 1);
        Settings.Secure.getString(getContentResolver(), "android_id");
        Settings.Secure.getString(getContentResolver(), "not_an_identifier");
        String model = Build.MODEL;
        try {
            Object serial = Class.forName("android.os.Build").getDeclaredField("SERIAL").get(null);
            Object prop = Class.forName("android.os.SystemProperties").getMethod("get", String.class).invoke(null, "ro.serialno");
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
        try (BufferedReader r = new BufferedReader(new FileReader("/sys/class/net/wlan0/address"))) {
            r.readLine();
        } catch (Exception e) {
            // the file may be absent
        }
        try (FileReader absent = new FileReader("/sys/class/net/wlan9/address")) {
            absent.read();
        } catch (Exception e) {
            // no such interface: the attempt is what the audit reports
        }
        try {
            // java.nio reaches libc open() without the java.io constructors: the native hook sees it.
            java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/sys/class/net/wlan0/address"));
        } catch (Exception e) {
            // the file may be absent
        }
        try (RandomAccessFile f = new RandomAccessFile("/proc/net/arp", "r")) {
            f.readLine();
        } catch (Exception e) {
            // absent in some sandboxes
        }
        try {
            Runtime.getRuntime().exec("ip link").waitFor();
            new ProcessBuilder("cat", "/sys/class/net/lo/address").start().waitFor();
        } catch (Exception e) {
            // ip may be absent
        }
        getContentResolver().query(Uri.parse("content://sms/inbox"), null, null, null, null);
        getContentResolver().query(Uri.parse("content://com.vivo.vms.IdProvider/IdentifierId/OAID"), null, null, null, null);
        bindService(new Intent("action.com.heytap.openid.OPEN_ID_SERVICE"), null, 1);
        startService(new Intent("com.tencent.mm.plugin.PUSH").setPackage("com.tencent.mm"));
        startService(new Intent("own").setPackage("com.appaudit.probe"));
        System.out.println("model=" + model);
    }
}
